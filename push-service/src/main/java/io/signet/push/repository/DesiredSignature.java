package io.signet.push.repository;

/**
 * The signature one sendAs address should hold, as the latest {@code SignatureRendered} says.
 *
 * @param subject the user's primary address, whom the delegated token acts as
 * @param priority 0 for a single user's change, 1 for a bulk re-render
 */
public record DesiredSignature(
    String tenantId,
    String userId,
    String sendAsEmail,
    String subject,
    String html,
    String contentHash,
    String cause,
    int priority) {}
