package io.signet.tenant.messaging;

import io.signet.events.EventRecords;
import io.signet.events.EventType;
import io.signet.events.TenantSnapshot;
import io.signet.support.outbox.Outbox;
import io.signet.tenant.repository.TenantEntity;
import io.signet.tenant.service.DelegationAccounts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Writes tenant changes to the outbox in the caller's transaction, so a change and its event commit
 * together or not at all; {@link io.signet.support.outbox.Outbox} relays them.
 */
@ApplicationScoped
public class TenantOutbox {

  private static final String SOURCE = "/signet/tenant-service";

  private final Outbox outbox;
  private final DelegationAccounts accounts;

  public TenantOutbox(Outbox outbox, DelegationAccounts accounts) {
    this.outbox = outbox;
    this.accounts = accounts;
  }

  /** Records the tenant's current state as a {@link TenantSnapshot}. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void snapshot(TenantEntity tenant) {
    TenantSnapshot snapshot =
        new TenantSnapshot(
            UUID.randomUUID().toString(),
            Instant.now(),
            TenantSnapshot.SCHEMA_VERSION,
            tenant.id,
            tenant.displayName,
            tenant.domainNames(),
            tenant.adminEmail,
            tenant.effectiveStatus(),
            tenant.autoPush,
            tenant.syncIntervalSeconds,
            accounts.clientIdOf(tenant).orElse(null),
            tenant.createAliasSendAs);
    outbox.append(List.of(EventRecords.of(snapshot, tenant.id, SOURCE)));
  }

  /** Records the tenant's deletion: a tombstone every service reads as "forget this tenant". */
  @Transactional(Transactional.TxType.MANDATORY)
  public void tombstone(String tenantId) {
    outbox.append(List.of(EventRecords.tombstone(EventType.TENANT_SNAPSHOT, tenantId)));
  }
}
