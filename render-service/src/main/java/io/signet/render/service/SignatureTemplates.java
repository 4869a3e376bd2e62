package io.signet.render.service;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Expression;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.IfSectionHelper;
import io.quarkus.qute.ResultMapper;
import io.quarkus.qute.SectionNode;
import io.quarkus.qute.SetSectionHelper;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateNode;
import io.quarkus.qute.Variant;
import io.quarkus.qute.WhenSectionHelper;
import io.quarkus.qute.WithSectionHelper;
import io.signet.events.DirectoryUser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles signature templates (Qute, HTML-escaped output) and checks them at save time: a syntax
 * error, a section tenant templates may not use ({@link RefusedSection}) or a bound of {@link
 * TemplateLimits} the text already passes, each with its line and column; warnings for unknown
 * fields and for a worst case that can pass Gmail's 10,000 characters. Rendering is bounded by
 * {@link TemplateLimits} too.
 */
public final class SignatureTemplates {

  public static final int GMAIL_LIMIT = 10_000;

  private static final HtmlEscaper ESCAPER = new HtmlEscaper(List.of(Variant.TEXT_HTML));

  private static final Engine ENGINE =
      Engine.builder()
          .addDefaultValueResolvers()
          .addSectionHelpers(
              new IfSectionHelper.Factory(),
              new BoundedLoops(),
              new WithSectionHelper.Factory(),
              new SetSectionHelper.Factory(),
              new WhenSectionHelper.Factory())
          .addSectionHelpers(RefusedSection.ALL.toArray(RefusedSection[]::new))
          .addResultMapper(new PositionedEscaper())
          .strictRendering(true)
          .removeStandaloneLines(true)
          .build();

  private SignatureTemplates() {}

  /** A compiled template and what its check found. */
  public record Compiled(Template template, List<String> warnings) {

    /** Renders with a budget of its own ({@link TemplateLimits#RENDER_TIME} from now). */
    public String render(Map<String, Object> model) {
      return render(model, TemplateLimits.deadline());
    }

    /**
     * Renders within {@link TemplateLimits}.
     *
     * @param deadline when the render must stop, in {@link System#nanoTime()} terms
     * @throws TemplateError when the template fails or passes a limit, with where
     */
    public String render(Map<String, Object> model, long deadline) {
      RenderBudget budget = new RenderBudget(deadline);
      StringBuilder out = new StringBuilder(512);
      try {
        budget.run(
            () ->
                template
                    .instance()
                    .data(model)
                    .consume(
                        chunk -> {
                          budget.output(chunk.length());
                          out.append(chunk);
                        })
                    .toCompletableFuture()
                    .join());
      } catch (RuntimeException e) {
        throw TemplateError.of(e);
      }
      return out.toString();
    }
  }

  /**
   * @throws TemplateError for a syntax error, a refused section or a limit the text passes
   */
  public static Compiled compile(String source) {
    Template template;
    try {
      template = ENGINE.parse(source, Variant.forContentType(Variant.TEXT_HTML));
    } catch (RuntimeException e) {
      throw TemplateError.of(e);
    } catch (StackOverflowError e) {
      throw new TemplateError(TemplateError.Kind.LIMIT, "the template is nested too deeply", 0, 0);
    }
    checkBounds(template.getNodes(), 1, 1);
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
                + "): Qute renders strictly, so it fails for every user");
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
      return SignaturePolicy.sanitise(new Compiled(template, List.of()).render(model)).length();
    } catch (TemplateError e) {
      return 0; // the save-time check renders for real users and reports what fails
    }
  }

  /**
   * What the template's text already shows of {@link TemplateLimits}: sections nested too deep, and
   * loops with literal counts ({@code {#for i in 1000}}) that, multiplied by the literal loops
   * around them, pass the iterations, work or output of a signature.
   *
   * @param times how many times the nodes run at least, from the literal loops around them
   */
  private static void checkBounds(List<TemplateNode> nodes, int depth, long times) {
    for (TemplateNode node : nodes) {
      if (!node.isSection()) {
        continue;
      }
      SectionNode section = node.asSection();
      if (depth > TemplateLimits.DEPTH) {
        throw TemplateError.at(
            TemplateError.Kind.LIMIT,
            section.getOrigin(),
            "sections are nested more than " + TemplateLimits.DEPTH + " deep (the limit)");
      }
      long inner = times;
      if (section.getHelper() instanceof BoundedLoops.Loop loop && loop.literalCount() >= 0) {
        long count = loop.literalCount();
        String runs =
            "this loop runs "
                + count
                + " times"
                + (times > 1 ? " inside loops that run " + times + " times" : "");
        if (count > TemplateLimits.ITERATIONS || times * count > TemplateLimits.ITERATIONS) {
          throw TemplateError.at(
              TemplateError.Kind.LIMIT,
              loop.origin(),
              runs + ": at most " + TemplateLimits.ITERATIONS + " loop iterations per signature");
        }
        inner = times * count;
        if (inner * loop.bodyNodes() > TemplateLimits.WORK) {
          throw TemplateError.at(
              TemplateError.Kind.LIMIT,
              loop.origin(),
              runs
                  + " over "
                  + loop.bodyNodes()
                  + " template nodes: at most "
                  + TemplateLimits.WORK
                  + " node resolutions per signature");
        }
        if (inner * loop.bodyText() > TemplateLimits.OUTPUT) {
          throw TemplateError.at(
              TemplateError.Kind.LIMIT,
              loop.origin(),
              runs
                  + " and writes at least "
                  + inner * loop.bodyText()
                  + " characters: at most "
                  + TemplateLimits.OUTPUT
                  + " per signature before sanitising");
        }
      }
      for (var block : section.getBlocks()) {
        checkBounds(block.nodes, depth + 1, inner);
      }
    }
  }

  /** Qute's HTML escaping, noting which expression writes, so a too long output says where. */
  private static final class PositionedEscaper implements ResultMapper {

    @Override
    public int getPriority() {
      return ESCAPER.getPriority();
    }

    @Override
    public boolean appliesTo(TemplateNode.Origin origin, Object result) {
      return ESCAPER.appliesTo(origin, result);
    }

    @Override
    public String map(Object result, Expression expression) {
      RenderBudget budget = RenderBudget.currentOrNull();
      if (budget != null) {
        budget.expression(expression);
      }
      return ESCAPER.map(result, expression);
    }
  }
}
