package io.signet.support.deadletter;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/**
 * One dead letter as the operator API shows it: ids and where it came from, never the payload.
 *
 * @param reason a {@link io.signet.events.DeadLetterReason#label}, the latest one after a failed
 *     re-drive
 * @param redrives how many times it was re-driven
 */
public record DeadLetter(
    long id,
    String service,
    String sourceTopic,
    int partition,
    long offset,
    String key,
    String reason,
    String detail,
    DeadLetterStatus status,
    Instant deadLetteredAt,
    Instant updatedAt,
    int redrives,
    @JsonIgnore String value) {}
