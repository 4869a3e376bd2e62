package io.signet.events;

import static io.signet.events.EventFields.listOrEmpty;
import static io.signet.events.EventFields.required;

import java.time.Instant;
import java.util.List;

/**
 * The signatures rendered for one user, one per sendAs address, published on {@link
 * Topics#SIGNATURES} keyed by {@link Topics#userKey}.
 *
 * @param targets one entry per sendAs address that gets a signature (primary first)
 * @param templateId the template that produced the HTML
 * @param templateVersion version of that template
 * @param aliasesWithoutSendAs the user's Directory aliases that the user's rule would sign but that
 *     Gmail holds no sendAs entry for (so they get no signature, unless the tenant lets
 *     push-service create the entry); empty while the user's sendAs list is not known yet
 */
public record SignatureRendered(
    String eventId,
    Instant occurredAt,
    int schemaVersion,
    String tenantId,
    String userId,
    List<Target> targets,
    String templateId,
    int templateVersion,
    RenderCause cause,
    List<String> aliasesWithoutSendAs)
    implements SignetEvent {

  public static final int SCHEMA_VERSION = 1;

  public SignatureRendered {
    required(eventId, "eventId");
    required(occurredAt, "occurredAt");
    required(tenantId, "tenantId");
    required(userId, "userId");
    required(templateId, "templateId");
    required(cause, "cause");
    targets = listOrEmpty(targets);
    aliasesWithoutSendAs = listOrEmpty(aliasesWithoutSendAs);
  }

  /**
   * The signature for one sendAs address.
   *
   * @param contentHash hash of {@code html}; equal to the applied hash means no Gmail write
   */
  public record Target(String sendAsEmail, String html, String contentHash) {
    public Target {
      required(sendAsEmail, "sendAsEmail");
      required(html, "html");
      required(contentHash, "contentHash");
    }
  }
}
