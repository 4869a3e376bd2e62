package io.signet.render.service;

import io.signet.render.repository.Repositories;
import io.signet.support.tenants.DeletedTenants;
import io.signet.support.tenants.ReadModelTenantStatus;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.util.Optional;

/** Tenants' standing from render-service's tenants read model, for admitting tenant tokens. */
@Singleton
public class RenderTenantStanding extends ReadModelTenantStatus {

  private final Repositories.Tenants tenants;

  public RenderTenantStanding(Repositories.Tenants tenants, DeletedTenants deleted) {
    super(deleted);
    this.tenants = tenants;
  }

  @Override
  @Transactional
  protected Optional<String> lastStatus(String tenantId) {
    return tenants.findByIdOptional(tenantId).map(tenant -> tenant.status.name());
  }
}
