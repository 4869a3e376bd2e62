package io.signet.directory.messaging;

import io.quarkus.runtime.StartupEvent;
import io.signet.events.DirectoryUser;
import io.signet.events.EventRecords;
import io.signet.events.EventType;
import io.signet.events.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes {@code signet.directory-users} records and waits for the broker to acknowledge each
 * batch, so a hash is only stored for what Kafka really holds.
 */
@ApplicationScoped
public class DirectoryUserProducer {

  private static final String SOURCE = "/signet/directory-sync-service";

  private final KafkaProducer<String, String> producer;
  private final String bootstrapServers;

  public DirectoryUserProducer(
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
    this.producer = EventRecords.producer(bootstrapServers);
  }

  void createTopic(
      @Observes StartupEvent event,
      @ConfigProperty(name = "signet.kafka.partitions", defaultValue = "4") int partitions,
      @ConfigProperty(name = "signet.kafka.replication-factor", defaultValue = "1")
          short replicas) {
    EventRecords.ensureTopic(bootstrapServers, EventType.DIRECTORY_USER, partitions, replicas);
  }

  /** Publishes users and waits until every one is acknowledged. */
  public void publish(Collection<DirectoryUser> users) {
    List<ProducerRecord<String, String>> records = new ArrayList<>(users.size());
    for (DirectoryUser user : users) {
      records.add(EventRecords.of(user, Topics.userKey(user.tenantId(), user.userId()), SOURCE));
    }
    sendAll(records);
  }

  /** Publishes tombstones for users that are gone, and waits for them. */
  public void publishDeletions(String tenantId, Collection<String> userIds) {
    sendAll(
        userIds.stream()
            .map(
                id ->
                    EventRecords.tombstone(EventType.DIRECTORY_USER, Topics.userKey(tenantId, id)))
            .toList());
  }

  private void sendAll(List<ProducerRecord<String, String>> records) {
    EventRecords.sendAndWait(producer, records);
  }

  @PreDestroy
  void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
