package io.signet.render.messaging;

import io.signet.events.EventJson;
import io.signet.events.TenantSnapshot;
import io.signet.render.repository.Repositories;
import io.signet.render.repository.TenantEntity;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps the tenants this service renders for, from {@code signet.tenants}. */
@ApplicationScoped
public class TenantSnapshotConsumer {

  private final Repositories.Tenants tenants;

  public TenantSnapshotConsumer(Repositories.Tenants tenants) {
    this.tenants = tenants;
  }

  @Incoming("tenants")
  @Blocking
  @Transactional
  public void consume(ConsumerRecord<String, String> record) {
    if (record.value() == null) {
      tenants.deleteById(record.key());
      return;
    }
    TenantSnapshot snapshot = EventJson.read(record.value(), TenantSnapshot.class);
    TenantEntity tenant = tenants.findById(snapshot.tenantId());
    boolean created = tenant == null;
    if (created) {
      tenant = new TenantEntity();
      tenant.id = snapshot.tenantId();
    }
    tenant.displayName = snapshot.displayName();
    tenant.primaryDomain = snapshot.domains().isEmpty() ? "" : snapshot.domains().get(0);
    tenant.domains =
        snapshot.domains().stream()
            .map(domain -> domain.toLowerCase(java.util.Locale.ROOT))
            .collect(java.util.stream.Collectors.joining(","));
    tenant.createAliasSendAs = snapshot.createAliasSendAs();
    tenant.status = snapshot.status();
    if (created) {
      tenants.persist(tenant);
    }
  }
}
