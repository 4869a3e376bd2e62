package io.signet.push.service;

import io.signet.push.repository.PushTenantRepository;
import io.signet.support.tenants.DeletedTenants;
import io.signet.support.tenants.ReadModelTenantStatus;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Tenants' standing from push-service's tenants table, for admitting tenant tokens. */
@Singleton
public class PushTenantStanding extends ReadModelTenantStatus {

  private final PushTenantRepository tenants;

  public PushTenantStanding(PushTenantRepository tenants, DeletedTenants deleted) {
    super(deleted);
    this.tenants = tenants;
  }

  @Override
  protected Optional<String> lastStatus(String tenantId) {
    return tenants.find(tenantId).map(PushTenantRepository.PushTenant::status);
  }
}
