package io.signet.tenant.repository;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** One domain of a tenant; a domain belongs to one live tenant at most. */
@Entity
@Table(name = "tenant_domain")
public class TenantDomainEntity {

  @Id public String domain;

  @ManyToOne
  @JoinColumn(name = "tenant_id")
  public TenantEntity tenant;

  /** 0 for the primary domain. */
  public int position;
}
