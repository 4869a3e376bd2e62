package io.signet.push.messaging;

import io.signet.events.EventJson;
import io.signet.events.TenantSnapshot;
import io.signet.push.service.TenantPushes;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Follows {@code signet.tenants}: whether and with which project each tenant is pushed to. */
@ApplicationScoped
public class TenantSnapshotConsumer {

  private final TenantPushes tenants;

  public TenantSnapshotConsumer(TenantPushes tenants) {
    this.tenants = tenants;
  }

  @Incoming("tenants")
  @Blocking
  public void consume(ConsumerRecord<String, String> record) {
    if (record.value() == null) {
      tenants.delete(record.key());
    } else {
      tenants.apply(EventJson.read(record.value(), TenantSnapshot.class));
    }
  }
}
