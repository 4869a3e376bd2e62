package io.signet.tenant.rest;

import io.signet.google.GoogleScopes;
import io.signet.tenant.repository.TenantEntity;
import io.signet.tenant.service.DelegationAccounts;
import java.time.Instant;
import java.util.List;

/** What the API answers: never key material, never a hash. */
final class Views {

  private Views() {}

  record TenantView(
      String id,
      String displayName,
      String primaryDomain,
      List<String> domains,
      String adminEmail,
      String status,
      boolean autoPush,
      long directorySyncIntervalMinutes,
      boolean createAliasSendAs,
      DelegationView delegation,
      Instant createdAt,
      Instant updatedAt) {}

  /**
   * The delegation to grant: which client id, and the exact scope line to paste (with
   * gmail.settings.sharing only while the tenant lets Signet create alias sendAs entries).
   *
   * @param mode SHARED, OWN or NONE
   */
  record DelegationView(
      String mode, String clientId, String clientEmail, List<String> scopes, String scopeLine) {}

  record CreatedTenant(TenantView tenant, String apiKey, String note) {}

  record Page<T>(List<T> items, int page, int size, long total) {}

  static TenantView tenant(TenantEntity tenant, DelegationAccounts accounts) {
    return new TenantView(
        tenant.id,
        tenant.displayName,
        tenant.primaryDomain,
        tenant.domainNames(),
        tenant.adminEmail,
        tenant.effectiveStatus().name(),
        tenant.autoPush,
        tenant.syncIntervalSeconds / 60,
        tenant.createAliasSendAs,
        delegation(tenant, accounts),
        tenant.createdAt,
        tenant.updatedAt);
  }

  static DelegationView delegation(TenantEntity tenant, DelegationAccounts accounts) {
    var account = accounts.accountOf(tenant);
    return new DelegationView(
        tenant.delegationMode.name(),
        account.map(DelegationAccounts.Account::clientId).orElse(null),
        account.map(DelegationAccounts.Account::clientEmail).orElse(null),
        GoogleScopes.required(tenant.createAliasSendAs),
        GoogleScopes.delegationLine(tenant.createAliasSendAs));
  }
}
