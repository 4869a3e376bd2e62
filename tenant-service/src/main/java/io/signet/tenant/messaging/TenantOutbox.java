package io.signet.tenant.messaging;

import io.signet.events.EventJson;
import io.signet.events.EventType;
import io.signet.events.TenantSnapshot;
import io.signet.events.Topics;
import io.signet.tenant.repository.OutboxEventEntity;
import io.signet.tenant.repository.OutboxRepository;
import io.signet.tenant.repository.TenantEntity;
import io.signet.tenant.service.DelegationAccounts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;

/**
 * Writes tenant changes to the outbox in the caller's transaction, so a change and its event commit
 * together or not at all; {@link OutboxRelay} publishes them.
 */
@ApplicationScoped
public class TenantOutbox {

  private final OutboxRepository outbox;
  private final DelegationAccounts accounts;

  public TenantOutbox(OutboxRepository outbox, DelegationAccounts accounts) {
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
    write(tenant.id, EventJson.write(snapshot), snapshot.eventId());
  }

  /** Records the tenant's deletion: a tombstone every service reads as "forget this tenant". */
  @Transactional(Transactional.TxType.MANDATORY)
  public void tombstone(String tenantId) {
    write(tenantId, null, UUID.randomUUID().toString());
  }

  private void write(String key, String payload, String eventId) {
    OutboxEventEntity event = new OutboxEventEntity();
    event.topic = Topics.TENANTS;
    event.recordKey = key;
    event.payload = payload;
    event.ceType = EventType.TENANT_SNAPSHOT.cloudEventType();
    event.ceId = eventId;
    event.createdAt = Instant.now();
    outbox.persist(event);
  }
}
