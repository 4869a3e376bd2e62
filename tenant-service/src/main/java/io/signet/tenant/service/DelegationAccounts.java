package io.signet.tenant.service;

import io.quarkus.runtime.StartupEvent;
import io.signet.tenant.config.DelegationConfig;
import io.signet.tenant.repository.SharedServiceAccountEntity;
import io.signet.tenant.repository.SharedServiceAccountRepository;
import io.signet.tenant.repository.TenantEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Optional;

/**
 * Which service account acts for a tenant — the operator's shared one or the tenant's own — and its
 * key, read from the vault only inside this service.
 */
@ApplicationScoped
public class DelegationAccounts {

  private final SharedServiceAccountRepository shared;
  private final KeyVault vault;
  private final ServiceAccountKeyValidator validator;
  private final DelegationConfig config;

  public DelegationAccounts(
      SharedServiceAccountRepository shared,
      KeyVault vault,
      ServiceAccountKeyValidator validator,
      DelegationConfig config) {
    this.shared = shared;
    this.vault = vault;
    this.validator = validator;
    this.config = config;
  }

  /** The account a tenant's delegation names: its client id and email. */
  public record Account(String clientId, String clientEmail) {}

  /** Imports the shared key file named in the configuration, if any. */
  void onStart(@Observes StartupEvent event) {
    config
        .sharedKeyFile()
        .ifPresent(
            file -> {
              try {
                setShared(Files.readAllBytes(file));
              } catch (IOException e) {
                throw new UncheckedIOException("cannot read shared key file " + file, e);
              }
            });
  }

  /** Validates and stores the operator's shared key, replacing any earlier one. */
  @Transactional
  public Account setShared(byte[] keyJson) {
    ServiceAccountKeyValidator.ValidatedKey key = validator.validate(keyJson);
    SharedServiceAccountEntity account =
        shared.current().orElseGet(SharedServiceAccountEntity::new);
    if (account.keySecretId != null
        && account.clientId.equals(key.clientId())
        && java.util.Arrays.equals(vault.read(KeyVault.OPERATOR, account.keySecretId), keyJson)) {
      return new Account(account.clientId, account.clientEmail);
    }
    java.util.UUID previous = account.keySecretId;
    account.keySecretId = vault.store(KeyVault.OPERATOR, keyJson);
    account.clientId = key.clientId();
    account.clientEmail = key.clientEmail();
    account.updatedAt = Instant.now();
    shared.persist(account);
    if (previous != null) {
      vault.delete(previous);
    }
    return new Account(account.clientId, account.clientEmail);
  }

  @Transactional
  public Optional<Account> shared() {
    return shared.current().map(account -> new Account(account.clientId, account.clientEmail));
  }

  /** The account acting for a tenant, if one is set. */
  @Transactional
  public Optional<Account> accountOf(TenantEntity tenant) {
    return switch (tenant.delegationMode) {
      case OWN -> Optional.of(new Account(tenant.dwdClientId, tenant.dwdClientEmail));
      case SHARED -> shared();
      case NONE -> Optional.empty();
    };
  }

  public Optional<String> clientIdOf(TenantEntity tenant) {
    return accountOf(tenant).map(Account::clientId);
  }

  /** The key JSON acting for a tenant: never leaves this service. */
  @Transactional
  public Optional<byte[]> keyOf(TenantEntity tenant) {
    return switch (tenant.delegationMode) {
      case OWN -> Optional.of(vault.read(tenant.id, tenant.ownKeySecretId));
      case SHARED ->
          shared.current().map(account -> vault.read(KeyVault.OPERATOR, account.keySecretId));
      case NONE -> Optional.empty();
    };
  }
}
