package io.signet.directory.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One full sync of a tenant: why it ran, how far it got, how it ended. */
@Entity
@Table(name = "sync_run")
public class SyncRunEntity {

  @Id public UUID id;

  @Column(name = "tenant_id")
  public String tenantId;

  /** ACTIVATED, SCHEDULE, MANUAL. */
  public String trigger;

  @Enumerated(EnumType.STRING)
  public State state;

  @Column(name = "requested_at")
  public Instant requestedAt;

  @Column(name = "started_at")
  public Instant startedAt;

  @Column(name = "finished_at")
  public Instant finishedAt;

  @Column(name = "pages_read")
  public int pagesRead;

  @Column(name = "users_read")
  public int usersRead;

  @Column(name = "emitted_new")
  public int emittedNew;

  @Column(name = "emitted_changed")
  public int emittedChanged;

  @Column(name = "emitted_deleted")
  public int emittedDeleted;

  @Column(name = "failure_reason")
  public String failureReason;

  /** Why the run was held rather than tombstoning users; null unless it was. */
  @Column(name = "held_reason")
  public String heldReason;

  /** The tombstones a held run did not emit. */
  @Column(name = "held_deletions")
  public int heldDeletions;

  /** The tenant's users Signet knew before the run, the base of the deletion share. */
  @Column(name = "known_users")
  public int knownUsers;

  /** When a held run was confirmed or superseded. */
  @Column(name = "resolved_at")
  public Instant resolvedAt;

  /** Who resolved a held run: {@code operator} or the run that superseded it. */
  @Column(name = "resolved_by")
  public String resolvedBy;

  /** Where a run is. */
  public enum State {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    /** Read completely or not, it would have tombstoned too much: nothing was deleted. */
    HELD,
    /** A held run an operator confirmed: its tombstones were emitted. */
    CONFIRMED,
    /** A held run a later sync replaced: its tombstones will never be emitted. */
    SUPERSEDED;

    public boolean finished() {
      return this != QUEUED && this != RUNNING;
    }
  }
}
