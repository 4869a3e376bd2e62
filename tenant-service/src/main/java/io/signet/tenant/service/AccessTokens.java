package io.signet.tenant.service;

import io.signet.support.Problem;
import io.signet.support.Roles;
import io.signet.tenant.config.AuthConfig;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Exchanges an API key for a short-lived signed access token (RS256) that every Signet service
 * verifies on its own with the published key: operator, service or tenant tokens, the latter
 * carrying a {@code tenant_id} claim.
 */
@ApplicationScoped
public class AccessTokens {

  private final AuthConfig config;
  private final ApiKeys apiKeys;
  private final TenantLookup tenants;
  private final JwtPublicKey publicKey;
  private final KeyExchangeThrottle throttle;

  public AccessTokens(
      AuthConfig config,
      ApiKeys apiKeys,
      TenantLookup tenants,
      JwtPublicKey publicKey,
      KeyExchangeThrottle throttle) {
    this.config = config;
    this.apiKeys = apiKeys;
    this.tenants = tenants;
    this.publicKey = publicKey;
    this.throttle = throttle;
  }

  /** A token issued for an API key. */
  public record Issued(String accessToken, Duration expiresIn, String role, String tenantId) {}

  /**
   * Exchanges a key presented from {@code address}; refused with 429 once that address or that
   * tenant key failed too often (see {@link KeyExchangeThrottle}).
   */
  public Issued exchange(String apiKey, String address) {
    String keyId = ApiKeys.idOf(apiKey).orElse(null);
    throttle.check(address, keyId);
    try {
      return exchange(apiKey);
    } catch (Problem refused) {
      throttle.failed(address, keyId);
      throw refused;
    }
  }

  private Issued exchange(String apiKey) {
    if (apiKey == null || apiKey.isBlank()) {
      throw Problem.unauthorized("an apiKey is required");
    }
    if (config.operatorKey().filter(key -> same(key, apiKey)).isPresent()) {
      return issue("operator", Roles.OPERATOR, null);
    }
    Optional<String> service =
        config.serviceKeys().entrySet().stream()
            .filter(entry -> same(entry.getValue(), apiKey))
            .map(java.util.Map.Entry::getKey)
            .findFirst();
    if (service.isPresent()) {
      return issue("service:" + service.get(), Roles.SERVICE, null);
    }
    String tenantId =
        apiKeys
            .tenantOf(apiKey)
            .filter(tenants::isLive)
            .orElseThrow(() -> Problem.unauthorized("the API key is not valid"));
    return issue("tenant:" + tenantId, Roles.TENANT, tenantId);
  }

  private Issued issue(String subject, String role, String tenantId) {
    Duration ttl = config.tokenTtl();
    var claims =
        Jwt.issuer(config.issuer())
            .subject(subject)
            .upn(subject)
            .groups(Set.of(role))
            .expiresIn(ttl);
    if (tenantId != null) {
      claims.claim("tenant_id", tenantId);
    }
    return new Issued(claims.jws().keyId(publicKey.keyId()).sign(), ttl, role, tenantId);
  }

  private static boolean same(String expected, String presented) {
    return MessageDigest.isEqual(
        ApiKeys.sha256(expected), ApiKeys.sha256(presented == null ? "" : presented));
  }
}
