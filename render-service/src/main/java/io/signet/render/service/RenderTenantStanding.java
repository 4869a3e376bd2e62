package io.signet.render.service;

import io.signet.render.repository.Repositories;
import io.signet.render.repository.TenantEntity;
import io.signet.support.tenants.DeletedTenants;
import io.signet.support.tenants.TenantStanding;
import io.signet.support.tenants.TenantStatusLookup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Tenants' standing from render-service's tenants read model, for admitting tenant tokens. */
@ApplicationScoped
public class RenderTenantStanding implements TenantStatusLookup {

  private final Repositories.Tenants tenants;
  private final DeletedTenants deleted;

  public RenderTenantStanding(Repositories.Tenants tenants, DeletedTenants deleted) {
    this.tenants = tenants;
    this.deleted = deleted;
  }

  @Override
  @Transactional
  public TenantStanding standing(String tenantId) {
    TenantEntity tenant = tenants.findById(tenantId);
    return TenantStanding.of(
        deleted.contains(tenantId), tenant == null ? null : tenant.status.name());
  }
}
