package io.signet.support.outbox;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.signet.events.CloudEventHeaders;
import io.signet.events.EventRecords;
import io.signet.support.kafka.KafkaClientConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * A service's transactional outbox ({@code outbox_event}, created by the service's own migration):
 * records are written in the transaction of the change they describe and relayed to Kafka in the
 * order they were written, one relay at a time across all replicas (a PostgreSQL advisory lock), so
 * a key's records reach Kafka in the order its changes committed. A crash between the send and the
 * mark re-sends a batch, in order, with the same event ids: consumers of compacted topics take the
 * latest state.
 */
@ApplicationScoped
public class Outbox {

  private static final Logger LOG = Logger.getLogger(Outbox.class);
  private static final int BATCH = 500;

  /**
   * The relay waits for Kafka's acknowledgements (at most the producer's 60 s delivery timeout)
   * inside its transaction; the default 60 s transaction timeout would abort it first.
   */
  private static final int RELAY_TRANSACTION_SECONDS = 180;

  /** Namespace of the per-key locks (two-int advisory keys; they never meet the relay's bigint). */
  private static final int KEY_LOCKS = RelayLock.NAMESPACE;

  private final AgroalDataSource dataSource;
  private final String source;
  private final RelayLock relayLock;
  private final String relay;
  private final KafkaProducer<String, String> producer;

  public Outbox(
      AgroalDataSource dataSource,
      RelayLock relayLock,
      KafkaClientConfig kafka,
      @ConfigProperty(name = "quarkus.application.name") String service) {
    this.dataSource = dataSource;
    this.source = "/signet/" + service;
    this.relayLock = relayLock;
    this.relay = service;
    this.producer = EventRecords.producer(kafka.properties());
  }

  /**
   * Serialises the caller's transaction with every other writer of these keys until it ends, so a
   * key's outbox records are numbered in the order their transactions commit. Call it before
   * reading the state the records are derived from; {@link #append} takes the same locks.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void lock(String topic, Collection<String> keys) {
    int[] hashes =
        keys.stream().mapToInt(key -> (topic + "/" + key).hashCode()).sorted().distinct().toArray();
    if (hashes.length == 0) {
      return;
    }
    // sorted, so two transactions locking overlapping keys never deadlock
    String sql =
        "SELECT count(pg_advisory_xact_lock(?, h)) FROM"
            + " (SELECT h FROM unnest(?::int[]) AS h ORDER BY h) AS sorted";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setInt(1, KEY_LOCKS);
      statement.setArray(2, connection.createArrayOf("int4", box(hashes)));
      statement.executeQuery().close();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot lock outbox keys: " + e.getMessage(), e);
    }
  }

  /**
   * Writes records (events or tombstones, with their CloudEvents headers) in the caller's
   * transaction; they reach Kafka only if it commits.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void append(List<ProducerRecord<String, String>> records) {
    if (records.isEmpty()) {
      return;
    }
    records.stream()
        .map(ProducerRecord::topic)
        .distinct()
        .forEach(
            topic ->
                lock(
                    topic,
                    records.stream()
                        .filter(r -> r.topic().equals(topic))
                        .map(ProducerRecord::key)
                        .toList()));
    String sql =
        "INSERT INTO outbox_event (topic, record_key, payload, ce_type, ce_id, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?)";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (ProducerRecord<String, String> record : records) {
        String time = header(record, CloudEventHeaders.TIME);
        statement.setString(1, record.topic());
        statement.setString(2, record.key());
        statement.setString(3, record.value());
        statement.setString(4, header(record, CloudEventHeaders.TYPE));
        statement.setString(5, header(record, CloudEventHeaders.ID));
        statement.setObject(
            6,
            OffsetDateTime.ofInstant(
                time == null ? Instant.now() : Instant.parse(time), ZoneOffset.UTC));
        statement.addBatch();
      }
      statement.executeBatch();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot write the outbox: " + e.getMessage(), e);
    }
  }

  /**
   * Publishes everything written so far, waiting for the relay of another thread or replica to
   * finish first; returns when Kafka acknowledged it all.
   *
   * @return how many records this call published
   * @throws IllegalStateException when Kafka did not acknowledge; the records stay for the next
   *     relay
   */
  public int relay() {
    return drain(true);
  }

  /**
   * The relay of the schedule: publishes what is waiting unless another relay is at it (that one
   * publishes it). Records a crashed process or a Kafka outage left behind go out this way.
   *
   * @return how many records this call published
   */
  public int relayIfFree() {
    try {
      return drain(false);
    } catch (RuntimeException e) {
      LOG.warnf("outbox not relayed yet (%s); retrying", e.getMessage());
      return 0;
    }
  }

  /** Batches, each in a transaction of its own, until one is not full. */
  private int drain(boolean wait) {
    int published = 0;
    int batch;
    do {
      batch =
          QuarkusTransaction.requiringNew()
              .timeout(RELAY_TRANSACTION_SECONDS)
              .call(() -> relayBatch(wait));
      published += batch;
    } while (batch == BATCH);
    return published;
  }

  /** Forgets records relayed more than a day ago (kept that long for an operator to look at). */
  @Transactional
  public int prune() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "DELETE FROM outbox_event WHERE published_at < now() - interval '1 day'")) {
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot prune the outbox: " + e.getMessage(), e);
    }
  }

  /** One batch in order under the relay lock; 0 when there is nothing or the lock is taken. */
  private int relayBatch(boolean wait) {
    try (Connection connection = dataSource.getConnection()) {
      if (wait) {
        relayLock.take(relay);
      } else if (!relayLock.tryTake(relay)) {
        return 0;
      }
      List<Long> ids = new ArrayList<>();
      List<ProducerRecord<String, String>> records = new ArrayList<>();
      try (PreparedStatement statement =
          connection.prepareStatement(
              "SELECT id, topic, record_key, payload, ce_type, ce_id, created_at FROM outbox_event"
                  + " WHERE published_at IS NULL ORDER BY id LIMIT ?")) {
        statement.setInt(1, BATCH);
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            ids.add(rows.getLong(1));
            records.add(record(rows));
          }
        }
      }
      if (ids.isEmpty()) {
        return 0;
      }
      EventRecords.sendAndWait(producer, records);
      try (PreparedStatement statement =
          connection.prepareStatement(
              "UPDATE outbox_event SET published_at = now() WHERE id = ANY(?)")) {
        statement.setArray(1, connection.createArrayOf("int8", ids.toArray()));
        statement.executeUpdate();
      }
      return ids.size();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot relay the outbox: " + e.getMessage(), e);
    }
  }

  private ProducerRecord<String, String> record(ResultSet row) throws SQLException {
    String payload = row.getString(4);
    ProducerRecord<String, String> record =
        new ProducerRecord<>(row.getString(2), row.getString(3), payload);
    if (payload != null) {
      Instant time = row.getObject(7, OffsetDateTime.class).toInstant();
      header(record, CloudEventHeaders.SPEC_VERSION, "1.0");
      header(record, CloudEventHeaders.ID, row.getString(6));
      header(record, CloudEventHeaders.TYPE, row.getString(5));
      header(record, CloudEventHeaders.SOURCE, source);
      header(record, CloudEventHeaders.TIME, DateTimeFormatter.ISO_INSTANT.format(time));
      header(record, CloudEventHeaders.CONTENT_TYPE, "application/json");
    }
    return record;
  }

  private static String header(ProducerRecord<String, String> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static void header(ProducerRecord<String, String> record, String name, String value) {
    record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
  }

  private static Integer[] box(int[] values) {
    Integer[] boxed = new Integer[values.length];
    for (int i = 0; i < values.length; i++) {
      boxed[i] = values[i];
    }
    return boxed;
  }

  @PreDestroy
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
