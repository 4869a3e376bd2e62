package io.signet.push.messaging;

import io.signet.events.EventType;
import io.signet.events.TenantSnapshot;
import io.signet.push.service.TenantPushes;
import io.signet.support.deadletter.ConsumedRecord;
import io.signet.support.deadletter.ConsumerGuard;
import io.signet.support.deadletter.RecordHandler;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Follows {@code signet.tenants}: whether and with which project each tenant is pushed to. A record
 * it cannot process is dead-lettered by the {@link ConsumerGuard}.
 */
@ApplicationScoped
public class TenantSnapshotConsumer implements RecordHandler<TenantSnapshot> {

  private final TenantPushes tenants;
  private final ConsumerGuard guard;

  public TenantSnapshotConsumer(TenantPushes tenants, ConsumerGuard guard) {
    this.tenants = tenants;
    this.guard = guard;
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
    for (ConsumedRecord<TenantSnapshot> record : records) {
      if (record.tombstone()) {
        tenants.delete(record.key());
      } else {
        tenants.apply(record.event());
      }
    }
  }
}
