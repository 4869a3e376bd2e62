package io.signet.support;

/** The roles an access token's {@code groups} carry. */
public final class Roles {

  /** Whoever runs Signet: every tenant, the operator settings. */
  public static final String OPERATOR = "operator";

  /** A tenant's admin: its own tenant only ({@code tenant_id} claim). */
  public static final String TENANT = "tenant";

  /** Another Signet service: the internal APIs. */
  public static final String SERVICE = "service";

  private Roles() {}
}
