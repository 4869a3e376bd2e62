package io.signet.render.messaging;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.signet.events.DirectoryUser;
import io.signet.events.EventJson;
import io.signet.events.EventType;
import io.signet.events.RenderCause;
import io.signet.events.SendAsSnapshot;
import io.signet.events.Topics;
import io.signet.render.repository.DirectoryUserEntity;
import io.signet.render.repository.Repositories;
import io.signet.render.repository.SendAsEntity;
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
 * Keeps each user's Gmail sendAs list from {@code signet.send-as} (push-service reads it from
 * Gmail) and renders the users whose list changed: the addresses a signature goes to come from it.
 * A record it cannot process is dead-lettered by the {@link ConsumerGuard}, its neighbours applied.
 */
@ApplicationScoped
public class SendAsConsumer implements RecordHandler<SendAsSnapshot> {

  private final Repositories.SendAs sendAs;
  private final Repositories.Users users;
  private final RenderPipeline pipeline;
  private final ConsumerGuard guard;

  public SendAsConsumer(
      Repositories.SendAs sendAs,
      Repositories.Users users,
      RenderPipeline pipeline,
      ConsumerGuard guard) {
    this.sendAs = sendAs;
    this.users = users;
    this.pipeline = pipeline;
    this.guard = guard;
  }

  @Incoming("send-as")
  @Blocking
  public void consume(ConsumerRecords<String, String> records) {
    guard.consume(this, records);
  }

  @Override
  public EventType eventType() {
    return EventType.SEND_AS_SNAPSHOT;
  }

  @Override
  public void handle(List<ConsumedRecord<SendAsSnapshot>> records) {
    Map<String, List<String>> changedByTenant = new LinkedHashMap<>();
    Map<DirectoryUserEntity.Key, String> latest = new LinkedHashMap<>();
    for (ConsumedRecord<SendAsSnapshot> record : records) {
      Topics.UserKey key = record.userKey();
      String payload = record.tombstone() ? null : EventJson.write(record.event());
      latest.put(new DirectoryUserEntity.Key(key.tenantId(), key.userId()), payload);
      changedByTenant
          .computeIfAbsent(key.tenantId(), tenant -> new ArrayList<>())
          .add(key.userId());
    }
    Map<String, List<DirectoryUser>> toRender =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  latest.forEach(
                      (key, payload) -> {
                        if (payload == null) {
                          sendAs.deleteById(key);
                        } else {
                          SendAsEntity row = new SendAsEntity();
                          row.key = key;
                          row.payload = payload;
                          sendAs.getEntityManager().merge(row);
                        }
                      });
                  Map<String, List<DirectoryUser>> known = new LinkedHashMap<>();
                  changedByTenant.forEach(
                      (tenant, userIds) ->
                          known.put(
                              tenant,
                              users
                                  .list(
                                      "key.tenantId = ?1 and key.userId in ?2",
                                      tenant,
                                      userIds.stream().distinct().toList())
                                  .stream()
                                  .map(row -> EventJson.read(row.payload, DirectoryUser.class))
                                  .toList()));
                  return known;
                });
    // a sendAs list is about one user, like a directory change: the same cause and priority
    toRender.forEach(
        (tenant, batch) -> {
          if (!batch.isEmpty()) {
            pipeline.render(tenant, batch, RenderCause.DIRECTORY);
          }
        });
  }
}
