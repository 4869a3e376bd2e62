package io.signet.render.service;

import io.quarkus.qute.Scope;
import io.quarkus.qute.SectionHelper;
import io.quarkus.qute.SectionHelperFactory;
import java.util.List;

/**
 * A Qute section a tenant template may not use, refused where it appears, with why: {@code {#eval}}
 * turns data into template code; {@code {#include}} and {@code {#insert}} reach other templates,
 * and with {@code {#fragment}}/{@code {#capture}} a template could include itself, without end.
 */
final class RefusedSection implements SectionHelperFactory<SectionHelper> {

  /** Every section Qute has that tenant templates may not use. */
  static final List<RefusedSection> ALL =
      List.of(
          new RefusedSection("eval", "it would turn data into template code"),
          new RefusedSection("include", "a signature template cannot reach other templates"),
          new RefusedSection("insert", "a signature template cannot reach other templates"),
          new RefusedSection("fragment", "a signature template cannot reach other templates"),
          new RefusedSection("capture", "a signature template cannot reach other templates"));

  private final String name;
  private final String why;

  private RefusedSection(String name, String why) {
    this.name = name;
    this.why = why;
  }

  @Override
  public List<String> getDefaultAliases() {
    return List.of(name);
  }

  @Override
  public Scope initializeBlock(Scope outerScope, BlockInfo block) {
    throw refusal(block.getOrigin());
  }

  @Override
  public SectionHelper initialize(SectionInitContext context) {
    throw refusal(context.getOrigin());
  }

  private TemplateError refusal(io.quarkus.qute.TemplateNode.Origin origin) {
    return TemplateError.at(
        TemplateError.Kind.NOT_ALLOWED,
        origin,
        "{#"
            + name
            + "} is not allowed in signature templates: "
            + why
            + " (use {#if}, {#for}, {#let}, {#with} or {#when})");
  }
}
