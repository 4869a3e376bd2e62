package io.signet.tenant.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One run of the requirements verification; {@code items} is the checklist as JSON. */
@Entity
@Table(name = "verification_run")
public class VerificationRunEntity {

  @Id public UUID id;

  @Column(name = "tenant_id")
  public String tenantId;

  @Column(name = "started_at")
  public Instant startedAt;

  @Column(name = "finished_at")
  public Instant finishedAt;

  /** Whether every automatic item passed. */
  public boolean passed;

  public String items;
}
