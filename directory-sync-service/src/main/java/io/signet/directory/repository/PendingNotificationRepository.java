package io.signet.directory.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Watch notifications waiting to be read ({@code pending_notification}): one row per user, leased
 * by a worker while it reads the user, deleted once read unless a newer notification came
 * meanwhile.
 */
@ApplicationScoped
public class PendingNotificationRepository {

  /** A claimed row: the user to read, and which notification the read answers. */
  public record Pending(String tenantId, String userId, boolean deleted, Instant receivedAt) {}

  private final EntityManager entities;

  public PendingNotificationRepository(EntityManager entities) {
    this.entities = entities;
  }

  /**
   * Records a notification. A user already waiting keeps one row: the latest time, a delete seen
   * among them, and due now (a new notification ends a retry's wait).
   */
  public void record(String tenantId, String userId, boolean deleted) {
    entities
        .createNativeQuery(
            """
            INSERT INTO pending_notification (tenant_id, user_id, deleted, received_at,
                next_attempt_at)
            VALUES (?1, ?2, ?3, clock_timestamp(), clock_timestamp())
            ON CONFLICT (tenant_id, user_id) DO UPDATE SET
                deleted = pending_notification.deleted OR EXCLUDED.deleted,
                received_at = EXCLUDED.received_at, attempts = 0,
                next_attempt_at = EXCLUDED.next_attempt_at
            """)
        .setParameter(1, tenantId)
        .setParameter(2, userId)
        .setParameter(3, deleted)
        .executeUpdate();
  }

  /**
   * Leases the longest-waiting due rows, except those of the {@code paused} tenants.
   *
   * @param paused tenants whose rows wait (a full sync will read them all)
   */
  @SuppressWarnings("unchecked")
  public List<Pending> claim(int limit, Duration lease, List<String> paused) {
    List<Object[]> rows =
        entities
            .createNativeQuery(
                """
                UPDATE pending_notification p SET lease_until = now() + CAST(?1 AS interval)
                FROM (SELECT tenant_id, user_id FROM pending_notification
                      WHERE next_attempt_at <= now()
                        AND (lease_until IS NULL OR lease_until < now())
                        AND tenant_id <> ALL (CAST(?2 AS text[]))
                      ORDER BY received_at LIMIT ?3
                      FOR UPDATE SKIP LOCKED) due
                WHERE p.tenant_id = due.tenant_id AND p.user_id = due.user_id
                RETURNING p.tenant_id, p.user_id, p.deleted, p.received_at
                """)
            .setParameter(1, lease.toMillis() + " milliseconds")
            .setParameter(2, paused.toArray(String[]::new))
            .setParameter(3, limit)
            .getResultList();
    return rows.stream()
        .map(
            row ->
                new Pending((String) row[0], (String) row[1], (Boolean) row[2], toInstant(row[3])))
        .toList();
  }

  /**
   * The user was read: its row goes, unless a newer notification came during the read, which is
   * then due at once.
   */
  public void done(Pending pending) {
    int deleted =
        entities
            .createNativeQuery(
                "DELETE FROM pending_notification WHERE tenant_id = ?1 AND user_id = ?2"
                    + " AND received_at = ?3")
            .setParameter(1, pending.tenantId())
            .setParameter(2, pending.userId())
            .setParameter(3, pending.receivedAt())
            .executeUpdate();
    if (deleted == 0) {
      entities
          .createNativeQuery(
              "UPDATE pending_notification SET lease_until = NULL"
                  + " WHERE tenant_id = ?1 AND user_id = ?2")
          .setParameter(1, pending.tenantId())
          .setParameter(2, pending.userId())
          .executeUpdate();
    }
  }

  /**
   * The read failed: it is tried again after a wait (2 s, doubling with each try, at most 5
   * minutes).
   *
   * @return the number of failed tries so far
   */
  public int retryLater(Pending pending) {
    Object attempts =
        entities
            .createNativeQuery(
                """
                UPDATE pending_notification SET lease_until = NULL, attempts = attempts + 1,
                    next_attempt_at = now() + least(interval '2 seconds' * power(2, attempts),
                                                    interval '5 minutes')
                WHERE tenant_id = ?1 AND user_id = ?2 RETURNING attempts
                """)
            .setParameter(1, pending.tenantId())
            .setParameter(2, pending.userId())
            .getResultList()
            .stream()
            .findFirst()
            .orElse(0);
    return ((Number) attempts).intValue();
  }

  /**
   * A full sync started at {@code startedAt} read every user after that: the rows of the tenant's
   * older notifications (not being read right now) are answered.
   *
   * @return how many rows it answered
   */
  public int coveredBy(String tenantId, Instant startedAt) {
    return entities
        .createNativeQuery(
            "DELETE FROM pending_notification WHERE tenant_id = ?1 AND received_at < ?2"
                + " AND (lease_until IS NULL OR lease_until < now())")
        .setParameter(1, tenantId)
        .setParameter(2, startedAt)
        .executeUpdate();
  }

  /** A tenant's waiting users: how many, and when the longest-waiting one was notified. */
  public record Backlog(long waiting, Instant oldest) {}

  /** The backlog of each tenant with more than {@code above} users waiting. */
  @SuppressWarnings("unchecked")
  public Map<String, Backlog> backlogs(long above) {
    List<Object[]> rows =
        entities
            .createNativeQuery(
                "SELECT tenant_id, count(*), min(received_at) FROM pending_notification"
                    + " GROUP BY tenant_id HAVING count(*) > ?1")
            .setParameter(1, above)
            .getResultList();
    return rows.stream()
        .collect(
            Collectors.toMap(
                row -> (String) row[0],
                row -> new Backlog(((Number) row[1]).longValue(), toInstant(row[2]))));
  }

  /** Users waiting to be read, across tenants. */
  public long waiting() {
    return ((Number)
            entities
                .createNativeQuery("SELECT count(*) FROM pending_notification")
                .getSingleResult())
        .longValue();
  }

  /** The tenant is gone: nothing of it is read any more. */
  public void forget(String tenantId) {
    entities
        .createNativeQuery("DELETE FROM pending_notification WHERE tenant_id = ?1")
        .setParameter(1, tenantId)
        .executeUpdate();
  }

  private static Instant toInstant(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Instant instant) {
      return instant;
    }
    if (value instanceof java.time.OffsetDateTime offset) {
      return offset.toInstant();
    }
    return ((java.sql.Timestamp) value).toInstant();
  }
}
