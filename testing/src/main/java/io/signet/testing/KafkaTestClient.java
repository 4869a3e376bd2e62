package io.signet.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces and reads string records in tests. Reads wait for what the test expects up to a timeout
 * and fail with what was seen instead; there is no sleep anywhere.
 */
public final class KafkaTestClient implements AutoCloseable {

  private static final Duration POLL = Duration.ofMillis(100);

  private final Map<String, Object> clientConfig;
  private final KafkaProducer<String, String> producer;

  public KafkaTestClient(String bootstrapServers) {
    this(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
  }

  /**
   * A client of the cluster {@code clientConfig} describes: bootstrap servers and, for a secured
   * listener, security protocol, SASL and trust store settings.
   */
  public KafkaTestClient(Map<String, Object> clientConfig) {
    this.clientConfig = Map.copyOf(clientConfig);
    Properties config = new Properties();
    config.putAll(clientConfig);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    this.producer = new KafkaProducer<>(config);
  }

  /** A client of this JVM's test broker. */
  public static KafkaTestClient forTestBroker() {
    return new KafkaTestClient(TestKafka.bootstrapServers());
  }

  /** Sends a record and waits for the broker's acknowledgement; a null value is a tombstone. */
  public RecordMetadata send(String topic, String key, String value, Map<String, byte[]> headers) {
    ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
    headers.forEach((name, bytes) -> record.headers().add(name, bytes));
    try {
      return producer.send(record).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending to " + topic, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot send to " + topic, e);
    }
  }

  /** Sends many records at once and waits until the broker acknowledged all of them. */
  public void sendAll(List<ProducerRecord<String, String>> records) {
    List<java.util.concurrent.Future<RecordMetadata>> sent = new ArrayList<>(records.size());
    records.forEach(record -> sent.add(producer.send(record)));
    try {
      for (var future : sent) {
        future.get(60, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot send records", e);
    }
  }

  public RecordMetadata send(String topic, String key, String value) {
    return send(topic, key, value, Map.of());
  }

  /**
   * Reads the topic from its beginning until {@code count} records match, and returns those.
   *
   * @throws AssertionError naming what was seen when the timeout passes first
   */
  public List<ConsumerRecord<String, String>> awaitRecords(
      String topic,
      Predicate<ConsumerRecord<String, String>> matching,
      int count,
      Duration timeout) {
    List<ConsumerRecord<String, String>> matched = new ArrayList<>();
    List<ConsumerRecord<String, String>> seen = new ArrayList<>();
    Instant deadline = Instant.now().plus(timeout);
    try (KafkaConsumer<String, String> consumer = newConsumer()) {
      assignFromBeginning(consumer, topic, deadline);
      while (matched.size() < count && Instant.now().isBefore(deadline)) {
        for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
          seen.add(record);
          if (matching.test(record)) {
            matched.add(record);
          }
        }
      }
    }
    if (matched.size() < count) {
      throw new AssertionError(
          "expected "
              + count
              + " matching record(s) on "
              + topic
              + " within "
              + timeout
              + ", got "
              + matched.size()
              + "; seen: "
              + describe(seen));
    }
    return matched.subList(0, count);
  }

  /**
   * Every record now in the topic that matches: reads up to the partitions' current end offsets, so
   * records acknowledged before the call are all there.
   */
  public List<ConsumerRecord<String, String>> readAll(
      String topic, Predicate<ConsumerRecord<String, String>> matching, Duration timeout) {
    List<ConsumerRecord<String, String>> matched = new ArrayList<>();
    Instant deadline = Instant.now().plus(timeout);
    try (KafkaConsumer<String, String> consumer = newConsumer()) {
      assignFromBeginning(consumer, topic, deadline);
      Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
      while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
        if (Instant.now().isAfter(deadline)) {
          throw new AssertionError("could not read " + topic + " to its end within " + timeout);
        }
        for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
          if (matching.test(record)) {
            matched.add(record);
          }
        }
      }
    }
    return matched;
  }

  /**
   * Waits until a consumer group has committed the end of every partition of a topic: every record
   * produced before the call has been processed.
   */
  public void awaitConsumed(String groupId, String topic, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    try (Admin admin = Admin.create(clientConfig);
        KafkaConsumer<String, String> consumer = newConsumer()) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      while (Instant.now().isBefore(deadline)) {
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin
                .listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS);
        boolean done =
            end.entrySet().stream()
                .allMatch(
                    e -> {
                      OffsetAndMetadata offset = committed.get(e.getKey());
                      return e.getValue() == 0
                          || (offset != null && offset.offset() >= e.getValue());
                    });
        if (done) {
          return;
        }
        consumer.poll(POLL); // waits a poll interval: paces the loop without a sleep
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot read the offsets of " + groupId, e);
    }
    throw new AssertionError(
        groupId + " did not consume " + topic + " to its end within " + timeout);
  }

  /** The first record with this key, waiting for it up to the timeout. */
  public ConsumerRecord<String, String> awaitRecord(String topic, String key, Duration timeout) {
    return awaitRecords(topic, record -> key.equals(record.key()), 1, timeout).get(0);
  }

  /** The UTF-8 value of a header of a record, or null when it has none. */
  public static String header(ConsumerRecord<?, ?> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }

  private KafkaConsumer<String, String> newConsumer() {
    Properties config = new Properties();
    config.putAll(clientConfig);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "signet-test-" + UUID.randomUUID());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    return new KafkaConsumer<>(config);
  }

  private static void assignFromBeginning(
      KafkaConsumer<String, String> consumer, String topic, Instant deadline) {
    List<PartitionInfo> partitions = List.of();
    while (partitions.isEmpty() && Instant.now().isBefore(deadline)) {
      partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
    }
    List<TopicPartition> assigned =
        partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    consumer.assign(assigned);
    consumer.seekToBeginning(assigned);
  }

  private static String abbreviate(String value) {
    return value == null || value.length() <= 160 ? value : value.substring(0, 160) + "…";
  }

  private static String describe(List<ConsumerRecord<String, String>> records) {
    return records.stream()
        .limit(20)
        .map(record -> record.key() + "=" + abbreviate(record.value()))
        .toList()
        .toString();
  }
}
