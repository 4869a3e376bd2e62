package io.signet.push.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Every push outcome, per user; also the outbox of {@code signet.push-results}: a row is written in
 * the transaction that records the outcome and relayed to Kafka afterwards.
 */
@ApplicationScoped
public class PushHistoryRepository {

  private static final String COLUMNS =
      "id, tenant_id, user_id, send_as_email, outcome, reason, detail, attempts, latency_ms,"
          + " content_hash, at";

  private final Jdbc jdbc;

  public PushHistoryRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** One outcome of one push. */
  public record Outcome(
      long id,
      String tenantId,
      String userId,
      String sendAsEmail,
      String outcome,
      String reason,
      String detail,
      int attempts,
      long latencyMillis,
      String contentHash,
      Instant at) {}

  public void add(Outcome outcome) {
    jdbc.update(
        """
        insert into push_history (tenant_id, user_id, send_as_email, outcome, reason, detail,
            attempts, latency_ms, content_hash)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        outcome.tenantId(),
        outcome.userId(),
        outcome.sendAsEmail(),
        outcome.outcome(),
        outcome.reason(),
        outcome.detail(),
        outcome.attempts(),
        outcome.latencyMillis(),
        outcome.contentHash());
  }

  /** The user's latest outcomes, newest first. */
  public List<Outcome> ofUser(String tenantId, String userId, int limit) {
    return jdbc.query(
        "select "
            + COLUMNS
            + " from push_history where tenant_id = ? and user_id = ? order by id desc limit ?",
        PushHistoryRepository::outcome,
        tenantId,
        userId,
        limit);
  }

  /** The oldest outcomes not relayed yet, locked so that one replica relays each. */
  public List<Outcome> unpublished(int limit) {
    return jdbc.query(
        "select "
            + COLUMNS
            + " from push_history where not published order by id limit ? for update skip locked",
        PushHistoryRepository::outcome,
        limit);
  }

  public void markPublished(List<Long> ids) {
    jdbc.update(
        "update push_history set published = true where id = any(?::text[]::bigint[])",
        new Jdbc.TextArray(ids.stream().map(String::valueOf).toList()));
  }

  /** Drops relayed outcomes older than {@code retention}. */
  public int prune(Duration retention) {
    return jdbc.update(
        "delete from push_history where published and at < ?", Instant.now().minus(retention));
  }

  private static Outcome outcome(java.sql.ResultSet row) throws java.sql.SQLException {
    return new Outcome(
        row.getLong("id"),
        row.getString("tenant_id"),
        row.getString("user_id"),
        row.getString("send_as_email"),
        row.getString("outcome"),
        row.getString("reason"),
        row.getString("detail"),
        row.getInt("attempts"),
        row.getLong("latency_ms"),
        row.getString("content_hash"),
        Jdbc.instant(row, "at"));
  }
}
