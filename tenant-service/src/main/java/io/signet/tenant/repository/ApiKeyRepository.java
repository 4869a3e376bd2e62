package io.signet.tenant.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** Tenant API keys by key id. */
@ApplicationScoped
public class ApiKeyRepository implements PanacheRepositoryBase<ApiKeyEntity, String> {

  public long revokeAllOf(String tenantId, java.time.Instant at) {
    return update("revokedAt = ?1 where tenantId = ?2 and revokedAt is null", at, tenantId);
  }
}
