package io.signet.directory.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The tombstones held runs did not emit, kept in PostgreSQL (set-based, so a held sync of a large
 * tenant does not hold its user ids in memory). Callers bring the transaction.
 */
@ApplicationScoped
public class HeldDeletionRepository {

  private final EntityManager entities;

  public HeldDeletionRepository(EntityManager entities) {
    this.entities = entities;
  }

  /** The tenant's users Signet knows (has emitted and not tombstoned). */
  public long knownUsers(String tenantId) {
    return ((Number)
            entities
                .createNativeQuery("SELECT count(*) FROM directory_user WHERE tenant_id = ?1")
                .setParameter(1, tenantId)
                .getSingleResult())
        .longValue();
  }

  /** The tenant's known users the full sync {@code run} did not see: its tombstones. */
  public long unseen(String tenantId, UUID run) {
    return ((Number)
            entities
                .createNativeQuery(
                    "SELECT count(*) FROM directory_user WHERE tenant_id = ?1"
                        + " AND seen_run IS DISTINCT FROM ?2")
                .setParameter(1, tenantId)
                .setParameter(2, run)
                .getSingleResult())
        .longValue();
  }

  /** Records the run's would-be tombstones instead of emitting them. */
  public int holdUnseen(String tenantId, UUID run) {
    return entities
        .createNativeQuery(
            "INSERT INTO held_deletion (run_id, tenant_id, user_id)"
                + " SELECT ?1, tenant_id, user_id FROM directory_user"
                + " WHERE tenant_id = ?2 AND seen_run IS DISTINCT FROM ?1")
        .setParameter(1, run)
        .setParameter(2, tenantId)
        .executeUpdate();
  }

  /**
   * A batch of a held run's tombstones, of users still known (a notification may have re-read
   * some).
   */
  @SuppressWarnings("unchecked")
  public List<String> batch(UUID run, int limit) {
    return entities
        .createNativeQuery(
            "SELECT h.user_id FROM held_deletion h JOIN directory_user u"
                + " ON u.tenant_id = h.tenant_id AND u.user_id = h.user_id"
                + " WHERE h.run_id = ?1 ORDER BY h.user_id LIMIT ?2")
        .setParameter(1, run)
        .setParameter(2, limit)
        .getResultList();
  }

  public void remove(UUID run, Collection<String> userIds) {
    if (userIds.isEmpty()) {
      return;
    }
    entities
        .createNativeQuery("DELETE FROM held_deletion WHERE run_id = ?1 AND user_id IN (?2)")
        .setParameter(1, run)
        .setParameter(2, userIds)
        .executeUpdate();
  }

  public void forgetRun(UUID run) {
    entities
        .createNativeQuery("DELETE FROM held_deletion WHERE run_id = ?1")
        .setParameter(1, run)
        .executeUpdate();
  }

  /** The tenant's held runs other than {@code keep} lose their held tombstones. */
  public void forgetHeldRunsExcept(String tenantId, UUID keep) {
    entities
        .createNativeQuery(
            "DELETE FROM held_deletion WHERE tenant_id = ?1 AND run_id <> ?2 AND run_id IN"
                + " (SELECT id FROM sync_run WHERE tenant_id = ?1 AND state = 'HELD')")
        .setParameter(1, tenantId)
        .setParameter(2, keep)
        .executeUpdate();
  }

  /** Google answered users.get for the user: no held run may tombstone it. */
  public void userExists(String tenantId, String userId) {
    entities
        .createNativeQuery("DELETE FROM held_deletion WHERE tenant_id = ?1 AND user_id = ?2")
        .setParameter(1, tenantId)
        .setParameter(2, userId)
        .executeUpdate();
  }

  /** Confirmed runs whose tombstones were not all emitted (the service stopped part way). */
  @SuppressWarnings("unchecked")
  public List<UUID> confirmedWithRemaining() {
    return entities
        .createNativeQuery(
            "SELECT DISTINCT h.run_id FROM held_deletion h JOIN sync_run r ON r.id = h.run_id"
                + " WHERE r.state = 'CONFIRMED'",
            UUID.class)
        .getResultList();
  }
}
