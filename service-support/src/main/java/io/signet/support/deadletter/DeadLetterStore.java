package io.signet.support.deadletter;

import io.quarkus.arc.properties.IfBuildProperty;
import io.signet.events.DeadLetterReason;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The {@code dead_letter} table: one row per dead-lettered source record (a redelivered record
 * updates its row), plain JDBC so it sits beside each service's own persistence unit.
 */
@ApplicationScoped
@IfBuildProperty(name = ConsumerGuard.CHANNEL_PROPERTY, stringValue = "smallrye-kafka")
public class DeadLetterStore {

  private static final String COLUMNS =
      "id, topic, partition_no, record_offset, record_key, record_value, reason, detail, status,"
          + " dead_lettered_at, updated_at, redrives";

  private final DataSource dataSource;
  private final String service;

  public DeadLetterStore(
      DataSource dataSource, @ConfigProperty(name = "quarkus.application.name") String service) {
    this.dataSource = dataSource;
    this.service = service;
  }

  /** Records a dead letter, or its new reason if it was dead-lettered before and is still open. */
  public void record(
      String topic,
      int partition,
      long offset,
      String key,
      String value,
      DeadLetterReason reason,
      String detail) {
    update(
        "insert into dead_letter (topic, partition_no, record_offset, record_key, record_value,"
            + " reason, detail, status, dead_lettered_at, updated_at) values (?, ?, ?, ?, ?, ?, ?,"
            + " 'OPEN', now(), now()) on conflict (topic, partition_no, record_offset) do update"
            + " set reason = excluded.reason, detail = excluded.detail, updated_at = now()"
            + " where dead_letter.status = 'OPEN'",
        topic,
        partition,
        offset,
        key,
        value,
        reason.label(),
        detail);
  }

  /**
   * Marks open dead letters superseded by a later record of the same key on the same partition
   * (processed, or dead-lettered itself): re-driving them would put older state over newer.
   */
  public int supersede(String topic, int partition, String key, long newerOffset) {
    return update(
        "update dead_letter set status = 'SUPERSEDED', updated_at = now() where status = 'OPEN'"
            + " and topic = ? and partition_no = ? and record_key = ? and record_offset < ?",
        topic,
        partition,
        key,
        newerOffset);
  }

  /**
   * {@link #supersede} for a whole applied batch of one topic, in one statement: each record (its
   * partition, key and offset at the same index) supersedes the older open dead letters of its key.
   */
  public int supersede(
      String topic, List<Integer> partitions, List<String> keys, List<Long> offsets) {
    String sql =
        "update dead_letter d set status = 'SUPERSEDED', updated_at = now()"
            + " from unnest(?, ?, ?) as n(partition_no, record_key, record_offset)"
            + " where d.status = 'OPEN' and d.topic = ? and d.partition_no = n.partition_no"
            + " and d.record_key = n.record_key and d.record_offset < n.record_offset";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setArray(1, connection.createArrayOf("integer", partitions.toArray()));
      statement.setArray(2, connection.createArrayOf("text", keys.toArray()));
      statement.setArray(3, connection.createArrayOf("bigint", offsets.toArray()));
      statement.setString(4, topic);
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot write the dead_letter table", e);
    }
  }

  /** Whether any dead letter is open: when none is, processed records need no superseding. */
  public boolean anyOpen() {
    return count(DeadLetterStatus.OPEN, null) > 0;
  }

  /**
   * How many dead letters are in a status (from one source topic, unless {@code topic} is null).
   */
  public long count(DeadLetterStatus status, String topic) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            prepare(
                connection,
                "select count(*) from dead_letter where status = ?"
                    + " and (cast(? as text) is null or topic = ?)",
                status.name(),
                topic,
                topic)) {
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot count dead letters", e);
    }
  }

  /** A page of dead letters in a status, oldest first. */
  public List<DeadLetter> list(DeadLetterStatus status, String topic, int offset, int limit) {
    return query(
        "select "
            + COLUMNS
            + " from dead_letter where status = ? and (cast(? as text) is null or topic = ?)"
            + " order by id limit ? offset ?",
        status.name(),
        topic,
        topic,
        limit,
        offset);
  }

  public Optional<DeadLetter> find(long id) {
    return query("select " + COLUMNS + " from dead_letter where id = ?", id).stream().findFirst();
  }

  /** Records a re-drive's outcome: processed, superseded, or still open with the new reason. */
  public void redriven(long id, DeadLetterStatus status, DeadLetterReason reason, String detail) {
    update(
        "update dead_letter set status = ?, reason = coalesce(?, reason), detail = coalesce(?,"
            + " detail), redrives = redrives + 1, updated_at = now() where id = ?",
        status.name(),
        reason == null ? null : reason.label(),
        detail,
        id);
  }

  private int update(String sql, Object... parameters) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = prepare(connection, sql, parameters)) {
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot write the dead_letter table", e);
    }
  }

  private List<DeadLetter> query(String sql, Object... parameters) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = prepare(connection, sql, parameters);
        ResultSet rows = statement.executeQuery()) {
      List<DeadLetter> letters = new ArrayList<>();
      while (rows.next()) {
        letters.add(
            new DeadLetter(
                rows.getLong("id"),
                service,
                rows.getString("topic"),
                rows.getInt("partition_no"),
                rows.getLong("record_offset"),
                rows.getString("record_key"),
                rows.getString("reason"),
                rows.getString("detail"),
                DeadLetterStatus.valueOf(rows.getString("status")),
                instant(rows.getTimestamp("dead_lettered_at")),
                instant(rows.getTimestamp("updated_at")),
                rows.getInt("redrives"),
                rows.getString("record_value")));
      }
      return letters;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the dead_letter table", e);
    }
  }

  private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    for (int i = 0; i < parameters.length; i++) {
      statement.setObject(i + 1, parameters[i]);
    }
    return statement;
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
