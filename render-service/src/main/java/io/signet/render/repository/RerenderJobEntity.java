package io.signet.render.repository;

import io.signet.events.RenderCause;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A tenant's whole re-render: durable, resumable from its cursor, one per tenant. */
@Entity
@Table(name = "rerender_job")
public class RerenderJobEntity {

  /** Where a re-render stands. */
  public enum State {
    /** Queued, or restarted by a change; no batch of this pass has run yet. */
    PENDING,
    /** Some batches of this pass have run; the cursor says how far. */
    RUNNING,
    /** Every user was rendered since the last change. */
    DONE
  }

  @Id
  @Column(name = "tenant_id")
  public String tenantId;

  @Enumerated(EnumType.STRING)
  public State state;

  @Enumerated(EnumType.STRING)
  public RenderCause cause;

  /** The last user id rendered in this pass; null before the first batch. */
  @Column(name = "cursor_user_id")
  public String cursorUserId;

  @Column(name = "users_done")
  public int usersDone;

  @Column(name = "users_total")
  public int usersTotal;

  @Column(name = "requested_at")
  public Instant requestedAt;

  @Column(name = "started_at")
  public Instant startedAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  @Column(name = "finished_at")
  public Instant finishedAt;

  @Column(name = "last_batch_at")
  public Instant lastBatchAt;
}
