package io.signet.directory.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A tenant's users.watch refused by Google: its reason, and when it is tried again. */
@Entity
@Table(name = "watch_refusal")
public class WatchRefusalEntity {

  @Id
  @Column(name = "tenant_id")
  public String tenantId;

  /** Refusals in a row; the wait before the next try doubles with each. */
  public int failures;

  /** Google's reason ({@code push.webhookUrlNotHttps}, …) or the broker's. */
  public String reason;

  /** What Google said. */
  public String message;

  @Column(name = "last_attempt_at")
  public Instant lastAttemptAt;

  @Column(name = "next_attempt_at")
  public Instant nextAttemptAt;
}
