package io.signet.render.service;

import io.signet.events.DirectoryUser;
import io.signet.events.SignatureRendered;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders one user's signatures: one per sendAs target ({@link SendAsTargets}), sanitised to what
 * Gmail keeps, never truncated — a signature over Gmail's 10,000 characters is an error for that
 * target, with its length; so is a template that fails or passes {@link TemplateLimits} (the user's
 * addresses share one {@link TemplateLimits#RENDER_TIME}).
 */
public final class SignatureRenderer {

  private SignatureRenderer() {}

  /**
   * A target that could not be rendered.
   *
   * @param kind {@link #TEMPLATE_FAILED}, {@link #TEMPLATE_LIMIT} or {@link #TOO_LONG}, for
   *     counting
   * @param reason what went wrong, in words
   */
  public record TargetError(String sendAsEmail, String kind, String reason) {

    /** Whether the template is at fault, not the signature's length. */
    public boolean templateFailed() {
      return !TOO_LONG.equals(kind);
    }
  }

  /** The template threw while rendering the target. */
  public static final String TEMPLATE_FAILED = "template-failed";

  /** The template passed a bound of {@link TemplateLimits} while rendering the target. */
  public static final String TEMPLATE_LIMIT = "template-limit";

  /** The sanitised signature is over Gmail's limit: never truncated, never pushed. */
  public static final String TOO_LONG = "too-long";

  /**
   * What rendering a user gave.
   *
   * @param aliasesWithoutSendAs Directory aliases the rule would sign that Gmail has no sendAs for
   */
  public record Result(
      List<SignatureRendered.Target> targets,
      List<TargetError> errors,
      String templateId,
      List<String> aliasesWithoutSendAs) {}

  /** Renders the user's primary address alone. */
  public static Result render(
      DirectoryUser user,
      AssignmentRule rule,
      SignatureTemplates.Compiled template,
      RenderModel.Tenant tenant,
      List<Campaign> campaigns,
      Instant now) {
    return render(user, SendAsTargets.primaryOnly(user), rule, template, tenant, campaigns, now);
  }

  /**
   * @param template the compiled template the user's rule chose
   * @param campaigns the tenant's campaigns; the one shown is picked for this user and instant
   */
  public static Result render(
      DirectoryUser user,
      SendAsTargets sendAs,
      AssignmentRule rule,
      SignatureTemplates.Compiled template,
      RenderModel.Tenant tenant,
      List<Campaign> campaigns,
      Instant now) {
    Optional<Campaign> campaign = Campaign.shownTo(user, campaigns, now);
    RenderModel.Banner banner =
        campaign.map(c -> new RenderModel.Banner(c.name(), c.bannerHtml())).orElse(null);
    List<SignatureRendered.Target> targets = new ArrayList<>();
    List<TargetError> errors = new ArrayList<>();
    String displayName = user.name().fullName();
    long deadline = TemplateLimits.deadline(); // one budget for all of the user's addresses
    for (String address : sendAs.addresses()) {
      Map<String, Object> model = RenderModel.of(user, address, displayName, tenant, banner);
      String html;
      try {
        html = SignaturePolicy.sanitise(template.render(model, deadline));
      } catch (TemplateError e) {
        errors.add(
            new TargetError(
                address,
                e.kind() == TemplateError.Kind.LIMIT ? TEMPLATE_LIMIT : TEMPLATE_FAILED,
                "template failed: " + e.describe()));
        continue;
      }
      if (html.length() > SignatureTemplates.GMAIL_LIMIT) {
        errors.add(
            new TargetError(
                address,
                TOO_LONG,
                "signature is "
                    + html.length()
                    + " characters after sanitising, over Gmail's "
                    + SignatureTemplates.GMAIL_LIMIT));
        continue;
      }
      targets.add(new SignatureRendered.Target(address, html, hash(html)));
    }
    return new Result(targets, errors, rule.templateId(), sendAs.aliasesWithoutSendAs());
  }

  /** One digest per thread: rendering hashes every signature. */
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException(e);
            }
          });

  static String hash(String html) {
    return "sha256:"
        + HexFormat.of().formatHex(SHA256.get().digest(html.getBytes(StandardCharsets.UTF_8)));
  }
}
