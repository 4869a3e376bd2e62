package io.signet.directory.messaging;

import io.signet.directory.service.SyncCoordinator;
import io.signet.directory.service.TenantDirectory;
import io.signet.directory.service.WatchChannels;
import io.signet.events.EventJson;
import io.signet.events.TenantSnapshot;
import io.signet.support.tenants.DeletedTenants;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the tenants read model from {@code signet.tenants}: a tenant that becomes ACTIVE is synced
 * at once (and its watch channel, opened under an earlier delegation, replaced); a tombstone
 * deletes the tenant and tombstones its users.
 */
@ApplicationScoped
public class TenantSnapshotConsumer {

  private final TenantDirectory tenants;
  private final SyncCoordinator coordinator;
  private final WatchChannels channels;
  private final DeletedTenants deleted;

  public TenantSnapshotConsumer(
      TenantDirectory tenants,
      SyncCoordinator coordinator,
      WatchChannels channels,
      DeletedTenants deleted) {
    this.tenants = tenants;
    this.coordinator = coordinator;
    this.channels = channels;
    this.deleted = deleted;
  }

  @Incoming("tenants")
  @Blocking
  public void consume(ConsumerRecord<String, String> record) {
    if (record.value() == null) {
      // first: the tenant's tokens are refused while its users are being tombstoned
      deleted.record(record.key());
      coordinator.forgetTenant(record.key());
      return;
    }
    TenantSnapshot snapshot = EventJson.read(record.value(), TenantSnapshot.class);
    if (tenants.apply(snapshot)) {
      channels.renew(snapshot.tenantId());
      coordinator.requestFull(snapshot.tenantId(), "ACTIVATED");
    }
  }
}
