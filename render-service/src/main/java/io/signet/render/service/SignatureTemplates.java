package io.signet.render.service;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Expression;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;
import io.quarkus.qute.Variant;
import io.signet.events.DirectoryUser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles signature templates (Qute, HTML-escaped output) and checks them at save time: a syntax
 * error with its line and column, warnings for unknown fields and for a worst case that can pass
 * Gmail's 10,000 characters.
 */
public final class SignatureTemplates {

  public static final int GMAIL_LIMIT = 10_000;

  private static final Engine ENGINE =
      Engine.builder()
          .addDefaults()
          .addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML)))
          .strictRendering(true)
          .removeStandaloneLines(true)
          .build();

  private SignatureTemplates() {}

  /** A compiled template and what its check found. */
  public record Compiled(Template template, List<String> warnings) {}

  /**
   * @throws TemplateError for a syntax error
   */
  public static Compiled compile(String source) {
    Template template;
    try {
      template = ENGINE.parse(source, Variant.forContentType(Variant.TEXT_HTML));
    } catch (TemplateException e) {
      var origin = e.getOrigin();
      throw new TemplateError(
          e.getMessage(),
          origin == null ? 0 : origin.getLine(),
          origin == null ? 0 : origin.getLineCharacterStart());
    }
    List<String> warnings = new ArrayList<>(unknownFields(template));
    int worstCase = worstCaseLength(template);
    if (worstCase > GMAIL_LIMIT) {
      warnings.add(
          "with every field at its longest the signature is "
              + worstCase
              + " characters, over Gmail's "
              + GMAIL_LIMIT
              + ": such users would get an error, not a signature");
    }
    return new Compiled(template, warnings);
  }

  private static Set<String> unknownFields(Template template) {
    Set<String> warnings = new LinkedHashSet<>();
    for (Expression expression : template.getExpressions()) {
      List<Expression.Part> parts = expression.getParts();
      if (parts.size() < 2) {
        continue;
      }
      Set<String> known = RenderModel.FIELDS.get(parts.get(0).getName());
      String field = parts.get(1).getName();
      if (known != null && !known.contains(field)) {
        warnings.add(
            "unknown field "
                + parts.get(0).getName()
                + "."
                + field
                + " (line "
                + expression.getOrigin().getLine()
                + "): it will always be empty");
      }
    }
    return warnings;
  }

  /** The length rendered for a user with every field filled at its longest. */
  static int worstCaseLength(Template template) {
    String longName = "W".repeat(60);
    String longText = "W".repeat(100);
    DirectoryUser worst =
        new DirectoryUser(
            "worst",
            Instant.EPOCH,
            DirectoryUser.SCHEMA_VERSION,
            "tenant",
            "1",
            longName + "@" + "w".repeat(60) + ".example",
            List.of(),
            new DirectoryUser.PersonName(longName, longName, longName + " " + longName, longName),
            longText,
            longText,
            List.of(
                new DirectoryUser.Phone("work", "+1 " + "5".repeat(20), true),
                new DirectoryUser.Phone("mobile", "+1 " + "5".repeat(20), false),
                new DirectoryUser.Phone("home", "+1 " + "5".repeat(20), false)),
            List.of(
                new DirectoryUser.PostalAddress(
                    "work", "W".repeat(300), null, null, null, null, null, true)),
            "/" + longText,
            List.of(),
            Map.of(),
            false,
            false,
            null,
            "worst");
    Map<String, Object> model =
        RenderModel.of(
            worst,
            worst.primaryEmail(),
            longName,
            new RenderModel.Tenant(longText, "w.example", "US"),
            new RenderModel.Banner("worst", "W".repeat(1_000)));
    try {
      return SignaturePolicy.sanitise(template.render(model)).length();
    } catch (TemplateException e) {
      return 0;
    }
  }
}
