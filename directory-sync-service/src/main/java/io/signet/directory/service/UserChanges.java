package io.signet.directory.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.signet.directory.messaging.DirectoryUserProducer;
import io.signet.directory.repository.DirectoryUserRepository;
import io.signet.events.DirectoryUser;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Emits only what changed: compares users' content hashes with the last emitted ones, publishes the
 * new and changed, waits for Kafka, then records the hashes. A crash between the two re-emits at
 * most that batch on the next run; consumers dedupe by hash.
 */
@ApplicationScoped
public class UserChanges {

  private final DirectoryUserRepository users;
  private final DirectoryUserProducer producer;
  private final DirectoryMetrics metrics;

  public UserChanges(
      DirectoryUserRepository users, DirectoryUserProducer producer, DirectoryMetrics metrics) {
    this.users = users;
    this.producer = producer;
    this.metrics = metrics;
  }

  /** What a batch emitted. */
  public record Emitted(int created, int changed) {}

  /**
   * Emits the new and changed users of a batch and records every user's hash.
   *
   * @param seenRun the full sync reading this batch, or {@code null} outside a full sync
   */
  public Emitted apply(String tenantId, Collection<DirectoryUser> batch, UUID seenRun) {
    Map<String, DirectoryUser> byId =
        batch.stream()
            .collect(Collectors.toMap(DirectoryUser::userId, Function.identity(), (a, b) -> b));
    Map<String, String> known =
        QuarkusTransaction.requiringNew().call(() -> users.hashes(tenantId, byId.keySet()));
    List<DirectoryUser> toEmit =
        byId.values().stream()
            .filter(user -> !user.contentHash().equals(known.get(user.userId())))
            .toList();
    if (!toEmit.isEmpty()) {
      producer.publish(toEmit);
    }
    int created = (int) toEmit.stream().filter(user -> !known.containsKey(user.userId())).count();
    int changed = toEmit.size() - created;
    Map<String, String> hashes =
        byId.values().stream()
            .collect(Collectors.toMap(DirectoryUser::userId, DirectoryUser::contentHash));
    QuarkusTransaction.requiringNew().run(() -> users.upsert(tenantId, hashes, seenRun));
    metrics.emitted("new", created);
    metrics.emitted("changed", changed);
    return new Emitted(created, changed);
  }

  /** Publishes tombstones for users that are gone, then forgets them. */
  public int delete(String tenantId, List<String> userIds) {
    if (userIds.isEmpty()) {
      return 0;
    }
    producer.publishDeletions(tenantId, userIds);
    QuarkusTransaction.requiringNew().run(() -> users.deleteUsers(tenantId, userIds));
    metrics.emitted("deleted", userIds.size());
    return userIds.size();
  }
}
