package io.signet.directory.service;

import io.signet.support.tenants.DeletedTenants;
import io.signet.support.tenants.TenantStanding;
import io.signet.support.tenants.TenantStatusLookup;
import jakarta.enterprise.context.ApplicationScoped;

/** Tenants' standing from directory-sync's tenants read model, for admitting tenant tokens. */
@ApplicationScoped
public class DirectoryTenantStanding implements TenantStatusLookup {

  private final TenantDirectory tenants;
  private final DeletedTenants deleted;

  public DirectoryTenantStanding(TenantDirectory tenants, DeletedTenants deleted) {
    this.tenants = tenants;
    this.deleted = deleted;
  }

  @Override
  public TenantStanding standing(String tenantId) {
    return TenantStanding.of(
        deleted.contains(tenantId),
        tenants.find(tenantId).map(tenant -> tenant.status.name()).orElse(null));
  }
}
