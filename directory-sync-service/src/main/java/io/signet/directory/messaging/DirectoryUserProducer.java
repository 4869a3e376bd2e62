package io.signet.directory.messaging;

import io.quarkus.runtime.StartupEvent;
import io.signet.events.DirectoryUser;
import io.signet.events.EventRecords;
import io.signet.events.EventType;
import io.signet.events.Topics;
import io.signet.support.kafka.KafkaClientConfig;
import io.signet.support.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.util.Collection;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Produces {@code signet.directory-users} through the outbox: records are written in the
 * transaction that stores the users' hashes, so a hash is never stored without its record on its
 * way to Kafka, and {@link Outbox} relays them in the order they committed.
 */
@ApplicationScoped
public class DirectoryUserProducer {

  private static final String SOURCE = "/signet/directory-sync-service";

  private final Outbox outbox;
  private final KafkaClientConfig kafka;

  public DirectoryUserProducer(Outbox outbox, KafkaClientConfig kafka) {
    this.outbox = outbox;
    this.kafka = kafka;
  }

  void createTopic(
      @Observes StartupEvent event,
      @ConfigProperty(name = "signet.kafka.partitions", defaultValue = "4") int partitions,
      @ConfigProperty(name = "signet.kafka.replication-factor", defaultValue = "1")
          short replicas) {
    EventRecords.ensureTopic(kafka.properties(), EventType.DIRECTORY_USER, partitions, replicas);
  }

  /**
   * Serialises the caller's transaction with every other one writing these users, until it ends:
   * taken before their stored hashes are read, so each key's records follow the order of its
   * changes.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void lock(String tenantId, Collection<String> userIds) {
    outbox.lock(
        Topics.DIRECTORY_USERS, userIds.stream().map(id -> Topics.userKey(tenantId, id)).toList());
  }

  /** Writes users' records to the outbox, in the caller's transaction. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void record(Collection<DirectoryUser> users) {
    outbox.append(
        users.stream()
            .map(
                user ->
                    EventRecords.of(user, Topics.userKey(user.tenantId(), user.userId()), SOURCE))
            .toList());
  }

  /** Writes tombstones for users that are gone to the outbox, in the caller's transaction. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void recordDeletions(String tenantId, Collection<String> userIds) {
    outbox.append(
        userIds.stream()
            .map(
                id ->
                    EventRecords.tombstone(EventType.DIRECTORY_USER, Topics.userKey(tenantId, id)))
            .toList());
  }

  /**
   * Publishes what the outbox holds, after any relay already at it; returns when Kafka
   * acknowledged.
   *
   * @throws IllegalStateException when Kafka did not acknowledge; the scheduled relay retries
   */
  public void flush() {
    outbox.relay();
  }
}
