package io.signet.events;

import static io.signet.events.EventFields.required;

import java.time.Instant;

/**
 * The result of driving one sendAs address to its desired signature, published on {@link
 * Topics#PUSH_RESULTS}.
 *
 * @param reason Google's reason or Signet's for a failure, {@code null} otherwise
 * @param attempts Gmail calls made for this content, retries included
 * @param latencyMillis time from the desired content arriving to this outcome
 * @param contentHash hash of the signature this outcome is about
 */
public record SignaturePushed(
    String eventId,
    Instant occurredAt,
    int schemaVersion,
    String tenantId,
    String userId,
    String sendAsEmail,
    PushOutcome outcome,
    String reason,
    int attempts,
    long latencyMillis,
    String contentHash)
    implements SignetEvent {

  public static final int SCHEMA_VERSION = 1;

  public SignaturePushed {
    required(eventId, "eventId");
    required(occurredAt, "occurredAt");
    required(tenantId, "tenantId");
    required(userId, "userId");
    required(sendAsEmail, "sendAsEmail");
    required(outcome, "outcome");
  }
}
