package io.signet.render.messaging;

import io.quarkus.runtime.StartupEvent;
import io.signet.events.EventRecords;
import io.signet.events.EventType;
import io.signet.events.SignatureRendered;
import io.signet.events.Topics;
import io.signet.support.kafka.KafkaClientConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Publishes {@code signet.signatures} and waits for Kafka's acknowledgement. */
@ApplicationScoped
public class SignatureProducer {

  private static final String SOURCE = "/signet/render-service";

  private final KafkaProducer<String, String> producer;
  private final KafkaClientConfig kafka;

  public SignatureProducer(KafkaClientConfig kafka) {
    this.kafka = kafka;
    this.producer = EventRecords.producer(kafka.properties());
  }

  /** The topic this service writes, and the one it reads that push-service writes. */
  void createTopic(
      @Observes StartupEvent event,
      @ConfigProperty(name = "signet.kafka.partitions", defaultValue = "4") int partitions,
      @ConfigProperty(name = "signet.kafka.replication-factor", defaultValue = "1")
          short replicas) {
    EventRecords.ensureTopic(
        kafka.properties(), EventType.SIGNATURE_RENDERED, partitions, replicas);
    EventRecords.ensureTopic(kafka.properties(), EventType.SEND_AS_SNAPSHOT, partitions, replicas);
  }

  /** Publishes signatures (a null value is a tombstone for that user key) and waits for all. */
  public void publish(List<SignatureRendered> signatures, List<String> tombstoneKeys) {
    List<ProducerRecord<String, String>> records = new ArrayList<>();
    for (SignatureRendered signature : signatures) {
      records.add(
          EventRecords.of(
              signature, Topics.userKey(signature.tenantId(), signature.userId()), SOURCE));
    }
    for (String key : tombstoneKeys) {
      records.add(EventRecords.tombstone(EventType.SIGNATURE_RENDERED, key));
    }
    EventRecords.sendAndWait(producer, records);
  }

  @PreDestroy
  void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
