package io.signet.tenant.messaging;

import io.quarkus.scheduler.Scheduled;
import io.signet.events.CloudEventHeaders;
import io.signet.events.EventRecords;
import io.signet.tenant.repository.OutboxEventEntity;
import io.signet.tenant.repository.OutboxRepository;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes outbox records to Kafka in the order they were written and marks them published. A
 * crash between the send and the mark re-sends a record: consumers of compacted topics take the
 * latest state, so a duplicate is harmless. Rows are locked with SKIP LOCKED, so replicas never
 * publish the same record concurrently.
 */
@ApplicationScoped
public class OutboxRelay {

  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
  private static final String SOURCE = "/signet/tenant-service";
  private static final int BATCH = 100;

  private final OutboxRepository outbox;
  private final KafkaProducer<String, String> producer;

  public OutboxRelay(
      OutboxRepository outbox,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
    this.outbox = outbox;
    this.producer = EventRecords.producer(bootstrapServers);
  }

  @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  @Transactional
  void relay() {
    List<OutboxEventEntity> batch =
        outbox
            .find("publishedAt is null", io.quarkus.panache.common.Sort.by("id"))
            .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
            .withHint("jakarta.persistence.lock.timeout", -2)
            .page(0, BATCH)
            .list();
    for (OutboxEventEntity event : batch) {
      try {
        producer.send(record(event)).get(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (ExecutionException | TimeoutException e) {
        LOG.warnf("outbox record %d not published yet (%s); retrying", event.id, e.getMessage());
        return;
      }
      event.publishedAt = Instant.now();
    }
  }

  private static ProducerRecord<String, String> record(OutboxEventEntity event) {
    ProducerRecord<String, String> record =
        new ProducerRecord<>(event.topic, event.recordKey, event.payload);
    if (event.payload != null) {
      header(record, CloudEventHeaders.SPEC_VERSION, "1.0");
      header(record, CloudEventHeaders.ID, event.ceId);
      header(record, CloudEventHeaders.TYPE, event.ceType);
      header(record, CloudEventHeaders.SOURCE, SOURCE);
      header(record, CloudEventHeaders.TIME, DateTimeFormatter.ISO_INSTANT.format(event.createdAt));
      header(record, CloudEventHeaders.CONTENT_TYPE, "application/json");
    }
    return record;
  }

  private static void header(ProducerRecord<String, String> record, String name, String value) {
    record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
  }

  @PreDestroy
  void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
