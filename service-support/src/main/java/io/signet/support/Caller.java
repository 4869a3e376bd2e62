package io.signet.support;

import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling, from the verified access token, and what it may touch. */
@RequestScoped
public class Caller {

  private final JsonWebToken token;

  public Caller(JsonWebToken token) {
    this.token = token;
  }

  public boolean isOperator() {
    return token.getGroups().contains(Roles.OPERATOR);
  }

  /**
   * Allows the operator, and a tenant credential for its own tenant only. Another tenant's id
   * answers 404, so a tenant cannot even learn which tenants exist.
   */
  public void requireTenant(String tenantId) {
    if (isOperator()) {
      return;
    }
    Object claim = token.getClaim("tenant_id");
    if (!token.getGroups().contains(Roles.TENANT) || claim == null) {
      throw Problem.forbidden("this credential may not act for a tenant");
    }
    if (!tenantId.equals(claim.toString())) {
      throw Problem.notFound("no tenant " + tenantId);
    }
  }
}
