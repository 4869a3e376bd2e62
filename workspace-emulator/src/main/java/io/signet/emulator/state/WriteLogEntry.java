package io.signet.emulator.state;

import java.time.Instant;

/**
 * One sendAs write that Gmail accepted.
 *
 * @param sequence increasing number of the write, from 1
 * @param method {@code update} or {@code patch}
 * @param signatureSha256 hex SHA-256 of the signature as stored (after sanitising)
 */
public record WriteLogEntry(
    long sequence,
    Instant at,
    String clientId,
    String subject,
    String userId,
    String sendAsEmail,
    String method,
    int signatureLength,
    String signatureSha256) {}
