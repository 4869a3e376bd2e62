package io.signet.support.tenants;

import java.util.Optional;

/**
 * A {@link TenantStatusLookup} of a service that follows {@code signet.tenants}: deleted when
 * {@link DeletedTenants} holds the tenant, else by the status of the last snapshot its read model
 * kept. Subclasses are {@code @Singleton} beans: a normal scope would need a no-args constructor.
 */
public abstract class ReadModelTenantStatus implements TenantStatusLookup {

  private final DeletedTenants deleted;

  protected ReadModelTenantStatus(DeletedTenants deleted) {
    this.deleted = deleted;
  }

  /** The status name the tenant's last snapshot carried, or empty when none is kept. */
  protected abstract Optional<String> lastStatus(String tenantId);

  @Override
  public TenantStanding standing(String tenantId) {
    return TenantStanding.of(deleted.contains(tenantId), lastStatus(tenantId).orElse(null));
  }
}
