package io.signet.push.repository;

/**
 * The signature one sendAs address should hold, as the latest {@code SignatureRendered} says.
 *
 * @param subject the user's primary address, whom the delegated token acts as
 * @param priority 0 for a single user's change of an address pushed before, 1 for a bulk re-render
 *     and for an address new to Signet (a tenant's onboarding arrives one new address at a time)
 */
public record DesiredSignature(
    String tenantId,
    String userId,
    String sendAsEmail,
    String subject,
    String html,
    String contentHash,
    String cause,
    int priority) {

  /** The same signature, waiting with bulk work. */
  public DesiredSignature asBulk() {
    return new DesiredSignature(
        tenantId, userId, sendAsEmail, subject, html, contentHash, cause, 1);
  }
}
