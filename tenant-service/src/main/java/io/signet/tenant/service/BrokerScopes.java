package io.signet.tenant.service;

import io.signet.support.Problem;
import io.signet.tenant.config.AuthConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Which Google scopes each Signet service may get tokens for ({@code signet.auth.service-scopes}):
 * a leaked push-service key reads no directory, a leaked directory-sync key writes no signature.
 */
@ApplicationScoped
public class BrokerScopes {

  private final AuthConfig config;

  public BrokerScopes(AuthConfig config) {
    this.config = config;
  }

  /**
   * @param service the name of the service's key in {@code signet.auth.service-keys}
   * @throws Problem 403 {@code scope-not-allowed} naming the scopes the service may not have
   */
  public void require(String service, List<String> scopes) {
    List<String> allowed = config.serviceScopes().getOrDefault(service, List.of());
    List<String> refused = scopes.stream().filter(scope -> !allowed.contains(scope)).toList();
    if (!refused.isEmpty()) {
      throw new Problem(
          403,
          "scope-not-allowed",
          "Scope not allowed for this service",
          "service " + service + " may not get tokens for " + refused,
          "scopes");
    }
  }
}
