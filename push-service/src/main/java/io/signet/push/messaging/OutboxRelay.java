package io.signet.push.messaging;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.signet.events.EventRecords;
import io.signet.events.EventType;
import io.signet.events.PushOutcome;
import io.signet.events.SendAsSnapshot;
import io.signet.events.SignaturePushed;
import io.signet.events.Topics;
import io.signet.push.config.PushConfig;
import io.signet.push.repository.PushHistoryRepository;
import io.signet.push.repository.PushHistoryRepository.Outcome;
import io.signet.push.repository.PushUserRepository;
import io.signet.support.kafka.KafkaClientConfig;
import io.signet.support.outbox.RelayLock;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Relays what push-service records for others to read: push outcomes to {@code signet.push-results}
 * (the history table is their outbox) and users' changed sendAs lists to {@code signet.send-as}
 * (the user table is theirs); prunes old history. Each relay runs on one replica at a time ({@link
 * RelayLock}), so a user's sendAs lists reach the compacted topic in order. A crash between send
 * and mark sends a record twice, with the same event id.
 */
@ApplicationScoped
public class OutboxRelay {

  private static final String SOURCE = "/signet/push-service";
  private static final int BATCH = 2000;

  private final PushHistoryRepository history;
  private final PushUserRepository users;
  private final PushConfig config;
  private final RelayLock relayLock;
  private final KafkaProducer<String, String> producer;
  private final KafkaClientConfig kafka;

  public OutboxRelay(
      PushHistoryRepository history,
      PushUserRepository users,
      PushConfig config,
      RelayLock relayLock,
      KafkaClientConfig kafka) {
    this.history = history;
    this.users = users;
    this.config = config;
    this.relayLock = relayLock;
    this.kafka = kafka;
    this.producer = EventRecords.producer(kafka.properties());
  }

  /**
   * The topics this service reads and writes, with their cleanup policies, whoever starts first.
   */
  void createTopics(
      @Observes StartupEvent event,
      @ConfigProperty(name = "signet.kafka.partitions", defaultValue = "4") int partitions,
      @ConfigProperty(name = "signet.kafka.replication-factor", defaultValue = "1")
          short replicas) {
    for (EventType type :
        List.of(
            EventType.TENANT_SNAPSHOT,
            EventType.SIGNATURE_RENDERED,
            EventType.SEND_AS_SNAPSHOT,
            EventType.SIGNATURE_PUSHED)) {
      EventRecords.ensureTopic(kafka.properties(), type, partitions, replicas);
    }
  }

  @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  @Transactional
  void relay() {
    if (!relayLock.tryTake("push-service/push-results")) {
      return;
    }
    List<Outcome> batch = history.unpublished(BATCH);
    if (batch.isEmpty()) {
      return;
    }
    EventRecords.sendAndWait(producer, batch.stream().map(OutboxRelay::record).toList());
    history.markPublished(batch.stream().map(Outcome::id).toList());
  }

  @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  @Transactional
  void relaySendAs() {
    if (!relayLock.tryTake("push-service/send-as")) {
      return;
    }
    List<SendAsSnapshot> batch = users.unpublished(BATCH);
    if (batch.isEmpty()) {
      return;
    }
    EventRecords.sendAndWait(
        producer,
        batch.stream()
            .map(
                snapshot ->
                    EventRecords.of(
                        snapshot, Topics.userKey(snapshot.tenantId(), snapshot.userId()), SOURCE))
            .toList());
    users.markPublished(batch);
  }

  @Scheduled(every = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  @Transactional
  void prune() {
    history.prune(config.historyRetention());
  }

  private static ProducerRecord<String, String> record(Outcome outcome) {
    SignaturePushed event =
        new SignaturePushed(
            UUID.nameUUIDFromBytes(("push-result/" + outcome.id()).getBytes(StandardCharsets.UTF_8))
                .toString(),
            outcome.at(),
            SignaturePushed.SCHEMA_VERSION,
            outcome.tenantId(),
            outcome.userId(),
            outcome.sendAsEmail(),
            PushOutcome.valueOf(outcome.outcome()),
            outcome.reason(),
            outcome.attempts(),
            outcome.latencyMillis(),
            outcome.contentHash());
    return EventRecords.of(event, Topics.userKey(outcome.tenantId(), outcome.userId()), SOURCE);
  }

  @PreDestroy
  void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
