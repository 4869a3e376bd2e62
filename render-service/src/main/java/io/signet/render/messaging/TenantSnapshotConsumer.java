package io.signet.render.messaging;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.signet.events.EventType;
import io.signet.events.RenderCause;
import io.signet.events.TenantSnapshot;
import io.signet.render.repository.Repositories;
import io.signet.render.repository.TenantEntity;
import io.signet.render.service.Rerenders;
import io.signet.support.deadletter.ConsumedRecord;
import io.signet.support.deadletter.ConsumerGuard;
import io.signet.support.deadletter.RecordHandler;
import io.signet.support.tenants.DeletedTenants;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the tenants this service renders for, from {@code signet.tenants}; a tenant seen for the
 * first time, or whose domains or {@code createAliasSendAs} change, has its stored users rendered
 * again. A record it cannot process is dead-lettered by the {@link ConsumerGuard}.
 */
@ApplicationScoped
public class TenantSnapshotConsumer implements RecordHandler<TenantSnapshot> {

  private final Repositories.Tenants tenants;
  private final Rerenders rerenders;
  private final ConsumerGuard guard;
  private final DeletedTenants deleted;

  public TenantSnapshotConsumer(
      Repositories.Tenants tenants,
      Rerenders rerenders,
      ConsumerGuard guard,
      DeletedTenants deleted) {
    this.tenants = tenants;
    this.rerenders = rerenders;
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
      QuarkusTransaction.requiringNew()
          .run(
              () -> {
                deleted.record(record.key());
                tenants.deleteById(record.key());
                rerenders.forget(record.key());
              });
      return;
    }
    TenantSnapshot snapshot = record.event();
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              if (apply(snapshot)) {
                // users that arrived before their tenant was known are rendered now, and a change
                // of domains or of the alias option re-decides every user's targets (turned on,
                // the aliases without sendAs become targets, whose sendAs push-service creates);
                // the job runs after this commit
                rerenders.tenant(snapshot.tenantId(), RenderCause.TENANT);
              }
            });
  }

  /** Stores the snapshot; whether it is new or changes what addresses its users are signed on. */
  private boolean apply(TenantSnapshot snapshot) {
    TenantEntity tenant = tenants.findById(snapshot.tenantId());
    boolean created = tenant == null;
    if (created) {
      tenant = new TenantEntity();
      tenant.id = snapshot.tenantId();
    }
    String domains =
        snapshot.domains().stream()
            .map(domain -> domain.toLowerCase(Locale.ROOT))
            .collect(Collectors.joining(","));
    boolean targetsChanged =
        !created
            && (!domains.equals(tenant.domains)
                || tenant.createAliasSendAs != snapshot.createAliasSendAs());
    tenant.displayName = snapshot.displayName();
    tenant.primaryDomain = snapshot.domains().isEmpty() ? "" : snapshot.domains().get(0);
    tenant.domains = domains;
    tenant.createAliasSendAs = snapshot.createAliasSendAs();
    tenant.status = snapshot.status();
    if (created) {
      tenants.persist(tenant);
    }
    return created || targetsChanged;
  }
}
