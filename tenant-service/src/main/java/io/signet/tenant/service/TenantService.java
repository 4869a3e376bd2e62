package io.signet.tenant.service;

import io.signet.events.TenantStatus;
import io.signet.support.Problem;
import io.signet.tenant.messaging.TenantOutbox;
import io.signet.tenant.repository.ApiKeyRepository;
import io.signet.tenant.repository.TenantDomainEntity;
import io.signet.tenant.repository.TenantEntity;
import io.signet.tenant.repository.TenantEntity.DelegationMode;
import io.signet.tenant.repository.TenantRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Tenants' lifecycle: create, read, suspend, resume, delete, settings and delegation. Every change
 * is validated whole before anything is written, and its {@code signet.tenants} record is written
 * to the outbox in the same transaction.
 */
@ApplicationScoped
public class TenantService {

  private static final Pattern DOMAIN =
      Pattern.compile("^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$");
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+$");
  private static final Duration DEFAULT_SYNC_INTERVAL = Duration.ofHours(1);
  private static final Duration MIN_SYNC_INTERVAL = Duration.ofMinutes(5);
  private static final Duration MAX_SYNC_INTERVAL = Duration.ofDays(7);
  private static final int MAX_DOMAINS = 50;

  private final TenantRepository tenants;
  private final ApiKeys apiKeys;
  private final ApiKeyRepository apiKeyRows;
  private final TenantOutbox outbox;
  private final KeyVault vault;
  private final ServiceAccountKeyValidator validator;
  private final SecureRandom random = new SecureRandom();

  public TenantService(
      TenantRepository tenants,
      ApiKeys apiKeys,
      ApiKeyRepository apiKeyRows,
      TenantOutbox outbox,
      KeyVault vault,
      ServiceAccountKeyValidator validator) {
    this.tenants = tenants;
    this.apiKeys = apiKeys;
    this.apiKeyRows = apiKeyRows;
    this.outbox = outbox;
    this.vault = vault;
    this.validator = validator;
  }

  /** A new tenant and its API key, shown this once. */
  public record Created(TenantEntity tenant, String apiKey) {}

  @Transactional
  public Created create(
      String displayName, String primaryDomain, List<String> extraDomains, String adminEmail) {
    List<String> domains = domains(primaryDomain, extraDomains);
    String admin = adminEmail(adminEmail, domains);
    for (String domain : domains) {
      if (tenants.ownerOfDomain(domain).isPresent()) {
        throw Problem.conflict(
            "domain-taken", "domain " + domain + " already belongs to another tenant");
      }
    }
    Instant now = Instant.now();
    TenantEntity tenant = new TenantEntity();
    tenant.id = newTenantId();
    tenant.displayName = displayName.strip();
    tenant.primaryDomain = domains.get(0);
    tenant.adminEmail = admin;
    tenant.status = TenantStatus.PENDING;
    tenant.autoPush = true;
    tenant.syncIntervalSeconds = DEFAULT_SYNC_INTERVAL.toSeconds();
    tenant.delegationMode = DelegationMode.SHARED;
    tenant.createdAt = now;
    tenant.updatedAt = now;
    for (int i = 0; i < domains.size(); i++) {
      TenantDomainEntity domain = new TenantDomainEntity();
      domain.domain = domains.get(i);
      domain.tenant = tenant;
      domain.position = i;
      tenant.domains.add(domain);
    }
    tenants.persist(tenant);
    String apiKey = apiKeys.issue(tenant.id);
    outbox.snapshot(tenant);
    return new Created(tenant, apiKey);
  }

  @Transactional
  public TenantEntity get(String id) {
    return tenants.findLive(id).orElseThrow(() -> Problem.notFound("no tenant " + id));
  }

  @Transactional
  public List<TenantEntity> page(int page, int size) {
    return tenants.page(page, size);
  }

  @Transactional
  public long count() {
    return tenants.countLive();
  }

  @Transactional
  public TenantEntity suspend(String id) {
    TenantEntity tenant = get(id);
    if (!tenant.suspended) {
      tenant.suspended = true;
      changed(tenant);
    }
    return tenant;
  }

  @Transactional
  public TenantEntity resume(String id) {
    TenantEntity tenant = get(id);
    if (tenant.suspended) {
      tenant.suspended = false;
      changed(tenant);
    }
    return tenant;
  }

  /** Deletes a tenant: its domains are released, its keys revoked, a tombstone published. */
  @Transactional
  public void delete(String id) {
    TenantEntity tenant = get(id);
    Instant now = Instant.now();
    tenant.deletedAt = now;
    tenant.updatedAt = now;
    tenant.domains.clear();
    apiKeyRows.revokeAllOf(id, now);
    UUID ownKey = tenant.ownKeySecretId;
    tenant.ownKeySecretId = null;
    tenants.flush();
    if (ownKey != null) {
      vault.delete(ownKey);
    }
    outbox.tombstone(id);
  }

  /**
   * Changes settings; {@code null} leaves a setting as it is.
   *
   * @param syncIntervalMinutes between 5 minutes and 7 days; checked before it becomes a duration,
   *     which a client's Long.MAX_VALUE minutes would overflow
   * @param createAliasSendAs turning it on adds a scope to the delegation Google has not been asked
   *     about yet, so the tenant waits for a new verification, as after a delegation change;
   *     turning it off only drops a requirement and leaves the status as it is
   */
  @Transactional
  public TenantEntity updateSettings(
      String id, Boolean autoPush, Long syncIntervalMinutes, Boolean createAliasSendAs) {
    TenantEntity tenant = get(id);
    if (syncIntervalMinutes != null
        && (syncIntervalMinutes < MIN_SYNC_INTERVAL.toMinutes()
            || syncIntervalMinutes > MAX_SYNC_INTERVAL.toMinutes())) {
      throw Problem.invalid(
          "directorySyncIntervalMinutes", "the directory sync interval is 5 minutes to 7 days");
    }
    Duration syncInterval =
        syncIntervalMinutes == null ? null : Duration.ofMinutes(syncIntervalMinutes);
    boolean changed = false;
    if (autoPush != null && autoPush != tenant.autoPush) {
      tenant.autoPush = autoPush;
      changed = true;
    }
    if (syncInterval != null && syncInterval.toSeconds() != tenant.syncIntervalSeconds) {
      tenant.syncIntervalSeconds = syncInterval.toSeconds();
      changed = true;
    }
    if (createAliasSendAs != null && createAliasSendAs != tenant.createAliasSendAs) {
      tenant.createAliasSendAs = createAliasSendAs;
      if (createAliasSendAs) {
        tenant.status = TenantStatus.PENDING;
      }
      changed = true;
    }
    if (changed) {
      changed(tenant);
    }
    return tenant;
  }

  /** Acts through the operator's shared service account. */
  @Transactional
  public TenantEntity useSharedDelegation(String id) {
    TenantEntity tenant = get(id);
    UUID ownKey = tenant.ownKeySecretId;
    tenant.delegationMode = DelegationMode.SHARED;
    tenant.ownKeySecretId = null;
    tenant.dwdClientId = null;
    tenant.dwdClientEmail = null;
    delegationChanged(tenant);
    tenants.flush();
    if (ownKey != null) {
      vault.delete(ownKey);
    }
    return tenant;
  }

  /** Acts through the tenant's own service account; the key is validated, then encrypted. */
  @Transactional
  public TenantEntity useOwnDelegation(String id, byte[] keyJson) {
    TenantEntity tenant = get(id);
    ServiceAccountKeyValidator.ValidatedKey key = validator.validate(keyJson);
    UUID previous = tenant.ownKeySecretId;
    tenant.delegationMode = DelegationMode.OWN;
    tenant.ownKeySecretId = vault.store(keyJson);
    tenant.dwdClientId = key.clientId();
    tenant.dwdClientEmail = key.clientEmail();
    delegationChanged(tenant);
    tenants.flush();
    if (previous != null) {
      vault.delete(previous);
    }
    return tenant;
  }

  /** Records a verification outcome: ACTIVE when every automatic item passed, else PENDING. */
  @Transactional
  public TenantEntity applyVerification(String id, boolean passed) {
    TenantEntity tenant = get(id);
    TenantStatus status = passed ? TenantStatus.ACTIVE : TenantStatus.PENDING;
    if (tenant.status != status) {
      tenant.status = status;
      changed(tenant);
    }
    return tenant;
  }

  /** A new delegation has not been verified yet: the tenant waits for its verification. */
  private void delegationChanged(TenantEntity tenant) {
    tenant.status = TenantStatus.PENDING;
    changed(tenant);
  }

  private void changed(TenantEntity tenant) {
    tenant.updatedAt = Instant.now();
    outbox.snapshot(tenant);
  }

  private static List<String> domains(String primaryDomain, List<String> extraDomains) {
    Set<String> domains = new LinkedHashSet<>();
    domains.add(domain(primaryDomain, "primaryDomain"));
    List<String> extra = extraDomains == null ? List.of() : extraDomains;
    if (extra.size() >= MAX_DOMAINS) {
      throw Problem.invalid("extraDomains", "a tenant has at most " + MAX_DOMAINS + " domains");
    }
    for (int i = 0; i < extra.size(); i++) {
      if (!domains.add(domain(extra.get(i), "extraDomains[" + i + "]"))) {
        throw Problem.invalid(
            "extraDomains[" + i + "]", "domain " + extra.get(i) + " is listed twice");
      }
    }
    return new ArrayList<>(domains);
  }

  private static String domain(String value, String field) {
    String domain = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    if (!DOMAIN.matcher(domain).matches()) {
      throw Problem.invalid(field, "'" + value + "' is not a valid domain name");
    }
    return domain;
  }

  private static String adminEmail(String value, List<String> domains) {
    String email = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    if (!EMAIL.matcher(email).matches()) {
      throw Problem.invalid("adminEmail", "'" + value + "' is not a valid email address");
    }
    String domain = email.substring(email.indexOf('@') + 1);
    if (!domains.contains(domain)) {
      throw Problem.invalid(
          "adminEmail", "the admin email must be in one of the tenant's domains " + domains);
    }
    return email;
  }

  private String newTenantId() {
    String alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
    StringBuilder id = new StringBuilder("t-");
    for (int i = 0; i < 10; i++) {
      id.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return id.toString();
  }
}
