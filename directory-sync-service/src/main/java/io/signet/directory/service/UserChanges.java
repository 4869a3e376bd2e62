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
 * Emits only what changed: compares users' content hashes with the last recorded ones and, in one
 * transaction, records the new hashes and writes the new and changed users' records to the outbox;
 * then publishes and waits for Kafka. A crash or a Kafka outage after the commit loses nothing: the
 * outbox relay publishes the records later, in order. Writers of the same users are serialised from
 * the hash read to the commit, so each key's records follow the order of its changes.
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
   * @throws IllegalStateException when Kafka did not acknowledge; the changes are recorded and the
   *     relay publishes them once it does
   */
  public Emitted apply(String tenantId, Collection<DirectoryUser> batch, UUID seenRun) {
    Emitted emitted = record(tenantId, batch, seenRun);
    if (emitted.created() + emitted.changed() > 0) {
      producer.flush();
    }
    return emitted;
  }

  /**
   * Records the new and changed users of a batch (their outbox records and hashes) without waiting
   * for Kafka: the caller publishes them ({@link #publish}), or the scheduled relay does.
   */
  public Emitted record(String tenantId, Collection<DirectoryUser> batch, UUID seenRun) {
    Map<String, DirectoryUser> byId =
        batch.stream()
            .collect(Collectors.toMap(DirectoryUser::userId, Function.identity(), (a, b) -> b));
    Emitted emitted =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  producer.lock(tenantId, byId.keySet());
                  Map<String, String> known = users.hashes(tenantId, byId.keySet());
                  List<DirectoryUser> toEmit =
                      byId.values().stream()
                          .filter(user -> !user.contentHash().equals(known.get(user.userId())))
                          .toList();
                  producer.record(toEmit);
                  users.upsert(
                      tenantId,
                      byId.values().stream()
                          .collect(
                              Collectors.toMap(DirectoryUser::userId, DirectoryUser::contentHash)),
                      seenRun);
                  int created =
                      (int)
                          toEmit.stream().filter(user -> !known.containsKey(user.userId())).count();
                  return new Emitted(created, toEmit.size() - created);
                });
    metrics.emitted("new", emitted.created());
    metrics.emitted("changed", emitted.changed());
    return emitted;
  }

  /** Tombstones users that are gone and forgets them, in one transaction; then publishes. */
  public int delete(String tenantId, List<String> userIds) {
    int deleted = recordDeletions(tenantId, userIds);
    if (deleted > 0) {
      producer.flush();
    }
    return deleted;
  }

  /** Tombstones users that are gone and forgets them, without waiting for Kafka (see record). */
  public int recordDeletions(String tenantId, List<String> userIds) {
    if (userIds.isEmpty()) {
      return 0;
    }
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              // appending locks the users' keys before they are forgotten: no explicit lock here
              producer.recordDeletions(tenantId, userIds);
              users.deleteUsers(tenantId, userIds);
            });
    metrics.emitted("deleted", userIds.size());
    return userIds.size();
  }

  /**
   * Publishes what the outbox holds, after any relay already at it.
   *
   * @throws IllegalStateException when Kafka did not acknowledge; the scheduled relay retries
   */
  public void publish() {
    producer.flush();
  }
}
