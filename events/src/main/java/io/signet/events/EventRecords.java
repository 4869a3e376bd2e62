package io.signet.events;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;

/** Kafka records of Signet events, with their CloudEvents headers, and their topics. */
public final class EventRecords {

  private EventRecords() {}

  /**
   * The record of an event on its topic.
   *
   * @param source the producing service, e.g. {@code /signet/directory-sync-service}
   */
  public static ProducerRecord<String, String> of(SignetEvent event, String key, String source) {
    ProducerRecord<String, String> record =
        new ProducerRecord<>(EventType.of(event.getClass()).topic(), key, EventJson.write(event));
    CloudEventHeaders.of(event, source).forEach(record.headers()::add);
    return record;
  }

  /** A tombstone: the entity with this key is gone. */
  public static ProducerRecord<String, String> tombstone(EventType type, String key) {
    return new ProducerRecord<>(type.topic(), key, null);
  }

  /**
   * A producer for Signet's records on the cluster {@code clientConfig} describes (bootstrap
   * servers, security protocol, SASL, trust and key stores: the service's {@code kafka.*}
   * configuration, used as given): every write acknowledged by all in-sync replicas, idempotent (a
   * retried send is not duplicated), strings for keys and values. Batching, compression and
   * timeouts are defaults the configuration may change; the guarantees are not.
   */
  public static KafkaProducer<String, String> producer(Map<String, Object> clientConfig) {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
    config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
    config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    return new KafkaProducer<>(config);
  }

  /**
   * Sends records and waits until Kafka acknowledged every one, so what is recorded afterwards
   * (hashes, offsets) never runs ahead of what Kafka holds.
   *
   * @throws IllegalStateException when a record is not acknowledged within 60 s
   */
  public static void sendAndWait(
      KafkaProducer<String, String> producer, List<ProducerRecord<String, String>> records) {
    List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
    records.forEach(record -> sent.add(producer.send(record)));
    try {
      for (Future<RecordMetadata> future : sent) {
        future.get(60, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing to Kafka", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Kafka did not acknowledge the records", e);
    }
  }

  /**
   * Creates an event's topic with its cleanup policy, unless it exists.
   *
   * @param clientConfig the cluster's client configuration, as for {@link #producer}
   * @throws IllegalStateException when Kafka refuses or does not answer within 30 s
   */
  public static void ensureTopic(
      Map<String, Object> clientConfig, EventType type, int partitions, short replicas) {
    try (Admin admin = Admin.create(clientConfig)) {
      ensureTopic(admin, type, partitions, replicas);
    }
  }

  /** Creates an event's topic with an existing admin client; see the other overload. */
  public static void ensureTopic(Admin admin, EventType type, int partitions, short replicas) {
    ensureTopic(
        admin, new NewTopic(type.topic(), partitions, replicas).configs(type.topicConfig()));
  }

  /** Creates an event's dead-letter topic ({@link EventType#deadLetterTopic}), unless it exists. */
  public static void ensureDeadLetterTopic(
      Map<String, Object> clientConfig, EventType type, int partitions, short replicas) {
    try (Admin admin = Admin.create(clientConfig)) {
      ensureTopic(
          admin,
          new NewTopic(type.deadLetterTopic(), partitions, replicas)
              .configs(EventType.deadLetterTopicConfig()));
    }
  }

  private static void ensureTopic(Admin admin, NewTopic topic) {
    String name = topic.name();
    try {
      admin.createTopics(Set.of(topic)).all().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("cannot create topic " + name, e.getCause());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topic " + name, e);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "Kafka did not answer within 30 s while creating " + name + ": is it running?", e);
    }
  }
}
