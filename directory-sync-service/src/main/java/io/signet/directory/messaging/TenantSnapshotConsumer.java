package io.signet.directory.messaging;

import io.signet.directory.service.SyncCoordinator;
import io.signet.directory.service.TenantDirectory;
import io.signet.directory.service.WatchChannels;
import io.signet.events.EventType;
import io.signet.events.TenantSnapshot;
import io.signet.support.deadletter.ConsumedRecord;
import io.signet.support.deadletter.ConsumerGuard;
import io.signet.support.deadletter.RecordHandler;
import io.signet.support.tenants.DeletedTenants;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the tenants read model from {@code signet.tenants}: a tenant that becomes ACTIVE is synced
 * at once (and its watch channel, opened under an earlier delegation, replaced); a tombstone
 * deletes the tenant and tombstones its users. A record it cannot process is dead-lettered by the
 * {@link ConsumerGuard}.
 */
@ApplicationScoped
public class TenantSnapshotConsumer implements RecordHandler<TenantSnapshot> {

  private final TenantDirectory tenants;
  private final SyncCoordinator coordinator;
  private final WatchChannels channels;
  private final ConsumerGuard guard;
  private final DeletedTenants deleted;

  public TenantSnapshotConsumer(
      TenantDirectory tenants,
      SyncCoordinator coordinator,
      WatchChannels channels,
      ConsumerGuard guard,
      DeletedTenants deleted) {
    this.tenants = tenants;
    this.coordinator = coordinator;
    this.channels = channels;
    this.guard = guard;
    this.deleted = deleted;
  }

  @Incoming("tenants")
  @Blocking
  public void consume(ConsumerRecord<String, String> record) {
    guard.consume(this, record);
  }

  @Override
  public EventType eventType() {
    return EventType.TENANT_SNAPSHOT;
  }

  @Override
  public void handle(List<ConsumedRecord<TenantSnapshot>> records) {
    records.forEach(this::handle);
  }

  private void handle(ConsumedRecord<TenantSnapshot> record) {
    if (record.tombstone()) {
      // first: the tenant's tokens are refused while its users are being tombstoned
      deleted.record(record.key());
      coordinator.forgetTenant(record.key());
      return;
    }
    TenantSnapshot snapshot = record.event();
    if (tenants.apply(snapshot)) {
      channels.renew(snapshot.tenantId());
      coordinator.requestFull(snapshot.tenantId(), "ACTIVATED");
    }
  }
}
