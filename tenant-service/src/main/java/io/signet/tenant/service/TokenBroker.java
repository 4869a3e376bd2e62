package io.signet.tenant.service;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.signet.google.GoogleClients;
import io.signet.google.GoogleError;
import io.signet.google.GoogleErrorCategory;
import io.signet.google.GoogleErrorClassifier;
import io.signet.support.Problem;
import io.signet.tenant.repository.TenantEntity;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Mints short-lived Google access tokens for (tenant, subject, scopes) with the tenant's
 * credentials, so private keys never leave tenant-service. Tokens are cached until five minutes
 * before they expire; Google's refusals are classified and passed on with their reason: the
 * delegation ({@code delegation-denied}, the whole tenant), one user ({@code subject-refused}),
 * this host's clock ({@code clock-skew}, retry) or Google unavailable ({@code google-unavailable},
 * retry).
 */
@ApplicationScoped
public class TokenBroker {

  private static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);

  private final TenantService tenants;
  private final DelegationAccounts accounts;
  private final GoogleClients google;
  private final MeterRegistry registry;
  private final Map<String, AccessToken> cache = new ConcurrentHashMap<>();

  public TokenBroker(
      TenantService tenants,
      DelegationAccounts accounts,
      GoogleClients google,
      MeterRegistry registry) {
    this.tenants = tenants;
    this.accounts = accounts;
    this.google = google;
    this.registry = registry;
  }

  /** A token and the account it was minted for. */
  public record Minted(String accessToken, Instant expiresAt, String clientId) {}

  /**
   * @param rejectedToken a token the caller saw Google refuse: dropped from the cache if held
   */
  public Minted token(String tenantId, String subject, List<String> scopes, String rejectedToken) {
    if (scopes == null || scopes.isEmpty()) {
      throw Problem.invalid("scopes", "at least one scope is required");
    }
    String cacheKey = tenantId + "|" + subject.toLowerCase() + "|" + new TreeSet<>(scopes);
    AccessToken cached = cache.get(cacheKey);
    if (cached != null && cached.getTokenValue().equals(rejectedToken)) {
      cache.remove(cacheKey, cached);
      cached = null;
    }
    Instant now = Instant.now();
    boolean fresh =
        cached != null && cached.getExpirationTime().toInstant().isAfter(now.plus(REFRESH_MARGIN));
    Credentials credentials = credentials(tenantId, subject, !fresh);
    if (fresh) {
      return new Minted(
          cached.getTokenValue(), cached.getExpirationTime().toInstant(), credentials.clientId());
    }
    GoogleCredentials delegated = google.delegated(credentials.key(), subject, scopes);
    try {
      AccessToken token = delegated.refreshAccessToken();
      cache.put(cacheKey, token);
      return new Minted(
          token.getTokenValue(), token.getExpirationTime().toInstant(), credentials.clientId());
    } catch (IOException | RuntimeException e) {
      Problem refusal = refusal(GoogleErrorClassifier.classify(e));
      // by type only: tenants are hundreds, subjects millions
      registry.counter("signet.tenant.token.refusals", "type", refusal.type()).increment();
      throw refusal;
    }
  }

  /** Forgets a tenant's cached tokens (its delegation changed or it was deleted). */
  public void forget(String tenantId) {
    cache.keySet().removeIf(key -> key.startsWith(tenantId + "|"));
  }

  private record Credentials(byte[] key, String clientId) {}

  /** Checks the tenant may act for the subject; decrypts its key only when {@code withKey}. */
  private Credentials credentials(String tenantId, String subject, boolean withKey) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              TenantEntity tenant = tenants.get(tenantId);
              if (tenant.suspended) {
                throw Problem.conflict("tenant-suspended", "tenant " + tenantId + " is suspended");
              }
              String domain = subject.substring(subject.indexOf('@') + 1).toLowerCase();
              if (!tenant.domainNames().contains(domain)) {
                throw Problem.forbidden(subject + " is not in a domain of tenant " + tenantId);
              }
              String clientId =
                  accounts
                      .clientIdOf(tenant)
                      .orElseThrow(
                          () ->
                              Problem.conflict(
                                  "delegation-missing",
                                  "tenant " + tenantId + " has no service account"));
              byte[] key = withKey ? accounts.keyOf(tenant).orElseThrow() : null;
              return new Credentials(key, clientId);
            });
  }

  private static Problem refusal(GoogleError error) {
    if (error.category() == GoogleErrorCategory.AUTH) {
      return new Problem(
          403, "delegation-denied", "Google refused the delegation", error.summary(), null);
    }
    if (error.category() == GoogleErrorCategory.SUBJECT) {
      // one user's account (unknown, deleted, restricted, disabled): the tenant is fine
      return new Problem(
          422, "subject-refused", "Google refused to act as this user", error.summary(), null);
    }
    if (error.category() == GoogleErrorCategory.CLOCK_SKEW) {
      // this host signed the assertion with a clock Google finds off: ours to fix, worth a retry
      return new Problem(
          503,
          "clock-skew",
          "Google refused the assertion's time: check this host's clock",
          error.summary(),
          null);
    }
    return new Problem(
        503, "google-unavailable", "Google is unavailable, retry later", error.summary(), null);
  }
}
