package io.signet.support.deadletter;

import io.quarkus.arc.properties.IfBuildProperty;
import io.signet.events.DeadLetterHeaders;
import io.signet.events.DeadLetterReason;
import io.signet.events.EventType;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * Writes a dead letter to its source topic's {@code .dlq} topic through the {@code dead-letters}
 * outgoing channel (so every Kafka setting, TLS and SASL included, is the channel's configuration),
 * and waits for Kafka's acknowledgement before the source offset moves on.
 */
@ApplicationScoped
@IfBuildProperty(name = ConsumerGuard.CHANNEL_PROPERTY, stringValue = "smallrye-kafka")
public class DeadLetterPublisher {

  private static final long ACK_TIMEOUT_SECONDS = 30;

  private final Emitter<String> emitter;
  private final String service;

  public DeadLetterPublisher(
      @Channel("dead-letters") Emitter<String> emitter,
      @ConfigProperty(name = "quarkus.application.name") String service) {
    this.emitter = emitter;
    this.service = service;
  }

  /**
   * Publishes the source record's key and value (a tombstone stays a tombstone) with the source
   * record's headers and the dead-letter headers.
   *
   * @throws IllegalStateException with a {@link TimeoutException} or Kafka's error as its cause
   *     when Kafka does not acknowledge: transient, so the caller retries
   */
  public void publish(
      String topic,
      int partition,
      long offset,
      String key,
      String value,
      Headers sourceHeaders,
      DeadLetterReason reason,
      String detail) {
    Headers headers = new RecordHeaders();
    if (sourceHeaders != null) {
      sourceHeaders.forEach(headers::add);
    }
    header(headers, DeadLetterHeaders.REASON, reason.label());
    header(headers, DeadLetterHeaders.DETAIL, detail);
    header(headers, DeadLetterHeaders.TOPIC, topic);
    header(headers, DeadLetterHeaders.PARTITION, String.valueOf(partition));
    header(headers, DeadLetterHeaders.OFFSET, String.valueOf(offset));
    header(headers, DeadLetterHeaders.SERVICE, service);
    OutgoingKafkaRecordMetadata<String> metadata =
        OutgoingKafkaRecordMetadata.<String>builder()
            .withTopic(EventType.ofTopic(topic).deadLetterTopic())
            .withKey(key)
            .withHeaders(headers)
            .build();
    CompletableFuture<Void> acknowledged = new CompletableFuture<>();
    emitter.send(
        Message.of(value, Metadata.of(metadata))
            .withAck(
                () -> {
                  acknowledged.complete(null);
                  return CompletableFuture.completedFuture(null);
                })
            .withNack(
                failure -> {
                  acknowledged.completeExceptionally(failure);
                  return CompletableFuture.completedFuture(null);
                }));
    try {
      acknowledged.get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while dead-lettering", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Kafka refused the dead letter", e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("Kafka did not acknowledge the dead letter", e);
    }
  }

  private static void header(Headers headers, String name, String value) {
    headers.remove(name);
    headers.add(name, (value == null ? "" : value).getBytes(StandardCharsets.UTF_8));
  }
}
