package io.signet.directory.service;

import io.signet.support.tenants.DeletedTenants;
import io.signet.support.tenants.ReadModelTenantStatus;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Tenants' standing from directory-sync's tenants read model, for admitting tenant tokens. */
@Singleton
public class DirectoryTenantStanding extends ReadModelTenantStatus {

  private final TenantDirectory tenants;

  public DirectoryTenantStanding(TenantDirectory tenants, DeletedTenants deleted) {
    super(deleted);
    this.tenants = tenants;
  }

  @Override
  protected Optional<String> lastStatus(String tenantId) {
    return tenants.find(tenantId).map(tenant -> tenant.status.name());
  }
}
