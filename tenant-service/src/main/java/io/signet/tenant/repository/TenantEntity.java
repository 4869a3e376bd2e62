package io.signet.tenant.repository;

import io.signet.events.TenantStatus;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A tenant row: what the operator created, the delegation chosen, the verification outcome. */
@Entity
@Table(name = "tenant")
public class TenantEntity {

  @Id public String id;

  @Column(name = "display_name")
  public String displayName;

  @Column(name = "primary_domain")
  public String primaryDomain;

  @Column(name = "admin_email")
  public String adminEmail;

  /** PENDING until every automatic requirement passed, then ACTIVE. */
  @Enumerated(EnumType.STRING)
  public TenantStatus status;

  @Column(name = "auto_push")
  public boolean autoPush;

  @Column(name = "sync_interval_seconds")
  public long syncIntervalSeconds;

  /**
   * Signet creates the Gmail sendAs entry a Directory alias lacks; adds the delegated scope
   * gmail.settings.sharing to the requirements. Off by default.
   */
  @Column(name = "create_alias_send_as")
  public boolean createAliasSendAs;

  @Enumerated(EnumType.STRING)
  @Column(name = "delegation_mode")
  public DelegationMode delegationMode;

  @Column(name = "own_key_secret_id")
  public UUID ownKeySecretId;

  @Column(name = "dwd_client_id")
  public String dwdClientId;

  @Column(name = "dwd_client_email")
  public String dwdClientEmail;

  public boolean suspended;

  @Column(name = "deleted_at")
  public Instant deletedAt;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  @Version public long version;

  @OneToMany(
      mappedBy = "tenant",
      cascade = CascadeType.ALL,
      orphanRemoval = true,
      fetch = FetchType.EAGER)
  @OrderBy("position")
  public List<TenantDomainEntity> domains = new ArrayList<>();

  /** What other services see: suspension wins over the verification outcome. */
  public TenantStatus effectiveStatus() {
    return suspended ? TenantStatus.SUSPENDED : status;
  }

  public List<String> domainNames() {
    return domains.stream().map(domain -> domain.domain).toList();
  }

  /** Which service account acts for the tenant. */
  public enum DelegationMode {
    /** Not chosen yet. */
    NONE,
    /** The operator's shared service account. */
    SHARED,
    /** The tenant's own uploaded service-account key. */
    OWN
  }
}
