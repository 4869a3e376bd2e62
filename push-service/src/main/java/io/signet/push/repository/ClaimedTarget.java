package io.signet.push.repository;

import java.time.Instant;

/**
 * A sendAs address this replica leased to push its desired signature to.
 *
 * @param attempts Gmail calls already made for this content
 * @param desiredAt when the content arrived: the start of the push latency
 * @param project the quota-sharing project of the tenant's service account
 * @param claimedAt when the claim was made (the database's clock)
 * @param leaseUntil the end of this claim's lease: it names the claim
 */
public record ClaimedTarget(
    String tenantId,
    String userId,
    String sendAsEmail,
    String subject,
    String html,
    String contentHash,
    Instant desiredAt,
    int attempts,
    int priority,
    String project,
    Instant claimedAt,
    Instant leaseUntil) {}
