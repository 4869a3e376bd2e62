package io.signet.directory.repository;

import io.signet.events.TenantStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** A tenant as {@code signet.tenants} last described it. */
@Entity
@Table(name = "tenant")
public class TenantEntity {

  @Id public String id;

  @Column(name = "admin_email")
  public String adminEmail;

  /** Space-separated, primary first. */
  public String domains;

  @Enumerated(EnumType.STRING)
  public TenantStatus status;

  @Column(name = "sync_interval_seconds")
  public long syncIntervalSeconds;

  @Column(name = "last_full_sync_at")
  public Instant lastFullSyncAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  public List<String> domainList() {
    return Arrays.asList(domains.split(" "));
  }
}
