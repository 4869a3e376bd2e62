package io.signet.render.messaging;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.signet.events.DirectoryUser;
import io.signet.events.EventJson;
import io.signet.events.EventType;
import io.signet.events.RenderCause;
import io.signet.events.Topics;
import io.signet.render.repository.DirectoryUserEntity;
import io.signet.render.repository.Repositories;
import io.signet.render.service.RenderPipeline;
import io.signet.support.deadletter.ConsumedRecord;
import io.signet.support.deadletter.ConsumerGuard;
import io.signet.support.deadletter.RecordHandler;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the local read model of users from {@code signet.directory-users} (a tombstone removes the
 * user and its signatures) and renders each changed user, a polled batch at a time (a user whose
 * record changed is published even when it renders the same: {@link RenderPipeline}). A record it
 * cannot process is dead-lettered by the {@link ConsumerGuard}, its neighbours applied.
 */
@ApplicationScoped
public class DirectoryUserConsumer implements RecordHandler<DirectoryUser> {

  private final Repositories.Users users;
  private final Repositories.Emitted emitted;
  private final RenderPipeline pipeline;
  private final SignatureProducer producer;
  private final ConsumerGuard guard;

  public DirectoryUserConsumer(
      Repositories.Users users,
      Repositories.Emitted emitted,
      RenderPipeline pipeline,
      SignatureProducer producer,
      ConsumerGuard guard) {
    this.users = users;
    this.emitted = emitted;
    this.pipeline = pipeline;
    this.producer = producer;
    this.guard = guard;
  }

  @Incoming("directory-users")
  @Blocking
  public void consume(ConsumerRecords<String, String> records) {
    guard.consume(this, records);
  }

  @Override
  public EventType eventType() {
    return EventType.DIRECTORY_USER;
  }

  @Override
  public void handle(List<ConsumedRecord<DirectoryUser>> records) {
    // the last record of each user decides, as on the compacted topic: a user deleted and
    // undeleted within one batch is kept, a change undone within it ends undone
    Map<String, ConsumedRecord<DirectoryUser>> latest = new LinkedHashMap<>();
    for (ConsumedRecord<DirectoryUser> record : records) {
      latest.remove(record.key());
      latest.put(record.key(), record);
    }
    Map<String, List<DirectoryUser>> changedByTenant = new LinkedHashMap<>();
    List<String> removed = new ArrayList<>();
    for (ConsumedRecord<DirectoryUser> record : latest.values()) {
      if (record.tombstone()) {
        removed.add(record.key());
        continue;
      }
      DirectoryUser user = record.event();
      changedByTenant.computeIfAbsent(user.tenantId(), id -> new ArrayList<>()).add(user);
    }
    QuarkusTransaction.requiringNew().run(() -> store(changedByTenant, removed));
    changedByTenant.forEach(
        (tenant, batch) -> pipeline.render(tenant, batch, RenderCause.DIRECTORY));
    forgetSignatures(removed);
  }

  private void store(Map<String, List<DirectoryUser>> changedByTenant, List<String> removed) {
    changedByTenant.values().stream()
        .flatMap(List::stream)
        .forEach(
            user -> {
              DirectoryUserEntity row = new DirectoryUserEntity();
              row.key = new DirectoryUserEntity.Key(user.tenantId(), user.userId());
              row.contentHash = user.contentHash();
              row.payload = EventJson.write(user);
              users.getEntityManager().merge(row);
            });
    for (String key : removed) {
      Topics.UserKey parsed = Topics.parseUserKey(key);
      users.deleteById(new DirectoryUserEntity.Key(parsed.tenantId(), parsed.userId()));
    }
  }

  /** Users that left the directory: their signatures are tombstoned too. */
  private void forgetSignatures(List<String> keys) {
    List<String> emittedKeys =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    keys.stream()
                        .filter(
                            key -> {
                              Topics.UserKey parsed = Topics.parseUserKey(key);
                              return emitted.deleteById(
                                  new DirectoryUserEntity.Key(parsed.tenantId(), parsed.userId()));
                            })
                        .toList());
    if (!emittedKeys.isEmpty()) {
      producer.publish(List.of(), emittedKeys);
    }
  }
}
