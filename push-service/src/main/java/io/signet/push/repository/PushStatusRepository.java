package io.signet.push.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Read-only views of the push state: what the status API and the queue metrics show. */
@ApplicationScoped
public class PushStatusRepository {

  private final Jdbc jdbc;

  public PushStatusRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** One sendAs address's state. */
  public record Target(
      String userId,
      String sendAsEmail,
      String state,
      String cause,
      int attempts,
      Instant desiredAt,
      Instant appliedAt,
      Instant nextAttemptAt,
      Instant checkedAt,
      String desiredHash,
      String appliedHash,
      String lastReason,
      String lastError) {}

  /** The work waiting for one tenant. */
  public record Queue(String tenantId, long depth, Instant oldestDesiredAt) {}

  /** Addresses per state for the tenant (every state present, zero or not). */
  public Map<String, Long> counts(String tenantId) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String state : List.of("PENDING", "RETRYING", "APPLIED", "FAILED", "PAUSED")) {
      counts.put(state, 0L);
    }
    jdbc.query(
            "select state, count(*) from push_target where tenant_id = ? group by state",
            row -> Map.entry(row.getString(1), row.getLong(2)),
            tenantId)
        .forEach(entry -> counts.put(entry.getKey(), entry.getValue()));
    return counts;
  }

  /** When the oldest content still waiting for Gmail arrived, or null. */
  public Instant oldestWaiting(String tenantId) {
    return jdbc.query(
            """
            select min(desired_at) as oldest from push_target
            where tenant_id = ? and state in ('PENDING', 'RETRYING', 'PAUSED')
            """,
            row -> Jdbc.instant(row, "oldest"),
            tenantId)
        .get(0);
  }

  /** The tenant's latest FAILED addresses, newest first. */
  public List<Target> recentFailures(String tenantId, int limit) {
    return jdbc.query(
        select() + " where tenant_id = ? and state = 'FAILED' order by state_at desc limit ?",
        PushStatusRepository::target,
        tenantId,
        limit);
  }

  public List<Target> ofUser(String tenantId, String userId) {
    return jdbc.query(
        select() + " where tenant_id = ? and user_id = ? order by send_as_email",
        PushStatusRepository::target,
        tenantId,
        userId);
  }

  /**
   * Work waiting (PENDING or RETRYING) per known tenant, zero for a tenant with none, so a queue
   * that drained reads 0 rather than disappearing from the metrics.
   */
  public List<Queue> queues() {
    return jdbc.query(
        """
        select tn.tenant_id, count(t.send_as_email), min(t.desired_at) as oldest
        from push_tenant tn
        left join push_target t on t.tenant_id = tn.tenant_id
            and t.state in ('PENDING', 'RETRYING')
        group by tn.tenant_id
        """,
        row -> new Queue(row.getString(1), row.getLong(2), Jdbc.instant(row, "oldest")));
  }

  private static String select() {
    return """
        select user_id, send_as_email, state, cause, attempts, desired_at, applied_at,
            next_attempt_at, checked_at, desired_hash, applied_hash, last_reason, last_error
        from push_target""";
  }

  private static Target target(java.sql.ResultSet row) throws java.sql.SQLException {
    return new Target(
        row.getString("user_id"),
        row.getString("send_as_email"),
        row.getString("state"),
        row.getString("cause"),
        row.getInt("attempts"),
        Jdbc.instant(row, "desired_at"),
        Jdbc.instant(row, "applied_at"),
        Jdbc.instant(row, "next_attempt_at"),
        Jdbc.instant(row, "checked_at"),
        row.getString("desired_hash"),
        row.getString("applied_hash"),
        row.getString("last_reason"),
        row.getString("last_error"));
  }
}
