package io.signet.support.tenants;

/**
 * The tenant's standing as this service last heard it on {@code signet.tenants} (tenant-service:
 * its own tables). Each service implements it from its read model; {@link TenantStandingFilter}
 * consults it on every request with a tenant token, so it is answered from the database, without
 * calling another service.
 */
public interface TenantStatusLookup {

  TenantStanding standing(String tenantId);
}
