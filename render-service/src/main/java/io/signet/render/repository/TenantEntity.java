package io.signet.render.repository;

import io.signet.events.TenantStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A tenant as {@code signet.tenants} last described it. */
@Entity
@Table(name = "tenant")
public class TenantEntity {

  @Id public String id;

  @Column(name = "display_name")
  public String displayName;

  @Column(name = "primary_domain")
  public String primaryDomain;

  /** Every domain of the tenant, lower case, comma-separated. */
  public String domains;

  /** Whether push-service creates the sendAs entries that Directory aliases lack. */
  @Column(name = "create_alias_send_as")
  public boolean createAliasSendAs;

  @Enumerated(EnumType.STRING)
  public TenantStatus status;
}
