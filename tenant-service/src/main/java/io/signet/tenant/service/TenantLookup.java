package io.signet.tenant.service;

import io.signet.tenant.repository.TenantRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Whether a tenant exists and is not deleted. */
@ApplicationScoped
public class TenantLookup {

  private final TenantRepository tenants;

  public TenantLookup(TenantRepository tenants) {
    this.tenants = tenants;
  }

  @Transactional
  public boolean isLive(String tenantId) {
    return tenants.findLive(tenantId).isPresent();
  }
}
