package io.signet.support.tenants;

import io.signet.support.Problem;
import io.signet.support.Roles;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Stops a tenant's access tokens as soon as this service hears the tenant was deleted or suspended,
 * not when the tokens expire: a deleted tenant's token answers 401 {@code tenant-deleted}; a
 * suspended tenant's admin may still read (GET, HEAD: to see why and what Signet holds) but every
 * change answers 403 {@code tenant-suspended}. Operator and service tokens are not affected: the
 * operator resumes or deletes the tenant, and the services' own work stops by the tenant's status.
 */
public class TenantStandingFilter {

  private final JsonWebToken token;
  private final TenantStatusLookup tenants;

  public TenantStandingFilter(JsonWebToken token, TenantStatusLookup tenants) {
    this.token = token;
    this.tenants = tenants;
  }

  @ServerRequestFilter
  public void admit(ContainerRequestContext request) {
    if (token.getRawToken() == null || !token.getGroups().contains(Roles.TENANT)) {
      return;
    }
    Object tenantId = token.getClaim("tenant_id");
    if (tenantId == null) {
      return;
    }
    TenantStanding standing = tenants.standing(tenantId.toString());
    if (standing == TenantStanding.DELETED) {
      throw new Problem(
          401,
          "tenant-deleted",
          "Unauthorized",
          "tenant " + tenantId + " was deleted: its credentials no longer work",
          null);
    }
    if (standing == TenantStanding.SUSPENDED && !reads(request.getMethod())) {
      throw new Problem(
          403,
          "tenant-suspended",
          "Forbidden",
          "tenant " + tenantId + " is suspended: its admin may read but not change anything",
          null);
    }
  }

  private static boolean reads(String method) {
    return HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method);
  }
}
