package io.signet.push.service;

import io.signet.push.repository.PushTenantRepository;
import io.signet.support.tenants.DeletedTenants;
import io.signet.support.tenants.TenantStanding;
import io.signet.support.tenants.TenantStatusLookup;
import jakarta.enterprise.context.ApplicationScoped;

/** Tenants' standing from push-service's tenants table, for admitting tenant tokens. */
@ApplicationScoped
public class PushTenantStanding implements TenantStatusLookup {

  private final PushTenantRepository tenants;
  private final DeletedTenants deleted;

  public PushTenantStanding(PushTenantRepository tenants, DeletedTenants deleted) {
    this.tenants = tenants;
    this.deleted = deleted;
  }

  @Override
  public TenantStanding standing(String tenantId) {
    return TenantStanding.of(
        deleted.contains(tenantId),
        tenants.find(tenantId).map(PushTenantRepository.PushTenant::status).orElse(null));
  }
}
