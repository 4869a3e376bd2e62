package io.signet.tenant.service;

import io.signet.support.tenants.TenantStanding;
import io.signet.support.tenants.TenantStatusLookup;
import io.signet.tenant.repository.TenantEntity;
import io.signet.tenant.repository.TenantRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Whether a tenant exists, is suspended or deleted: the source every other service follows. */
@ApplicationScoped
public class TenantLookup implements TenantStatusLookup {

  private final TenantRepository tenants;

  public TenantLookup(TenantRepository tenants) {
    this.tenants = tenants;
  }

  @Transactional
  public boolean isLive(String tenantId) {
    return tenants.findLive(tenantId).isPresent();
  }

  @Override
  @Transactional
  public TenantStanding standing(String tenantId) {
    TenantEntity tenant = tenants.findById(tenantId);
    if (tenant == null) {
      return TenantStanding.UNKNOWN;
    }
    if (tenant.deletedAt != null) {
      return TenantStanding.DELETED;
    }
    return tenant.suspended ? TenantStanding.SUSPENDED : TenantStanding.LIVE;
  }
}
