package io.signet.directory.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Emitted content hashes per user. */
@ApplicationScoped
public class DirectoryUserRepository
    implements PanacheRepositoryBase<DirectoryUserEntity, DirectoryUserEntity.Key> {

  /** Stored hashes of some users of a tenant, by user id. */
  public Map<String, String> hashes(String tenantId, Collection<String> userIds) {
    if (userIds.isEmpty()) {
      return Map.of();
    }
    return list("key.tenantId = ?1 and key.userId in ?2", tenantId, userIds).stream()
        .collect(Collectors.toMap(user -> user.key.userId(), user -> user.contentHash));
  }

  /** Users of a tenant the full sync {@code run} did not see, a batch at a time. */
  public List<String> unseen(String tenantId, UUID run, int limit) {
    return find(
            "key.tenantId = ?1 and (seenRun is null or seenRun <> ?2) order by key.userId",
            tenantId,
            run)
        .page(0, limit)
        .stream()
        .map(user -> user.key.userId())
        .toList();
  }

  public List<String> userIds(String tenantId, int limit) {
    return find("key.tenantId = ?1 order by key.userId", tenantId).page(0, limit).stream()
        .map(user -> user.key.userId())
        .toList();
  }

  /**
   * Records users' hashes in one batch; with a {@code seenRun}, also that this full sync saw them.
   */
  public void upsert(String tenantId, Map<String, String> hashes, UUID seenRun) {
    getEntityManager()
        .unwrap(org.hibernate.Session.class)
        .doWork(
            connection -> {
              try (var statement =
                  connection.prepareStatement(
                      "INSERT INTO directory_user (tenant_id, user_id, content_hash, seen_run)"
                          + " VALUES (?, ?, ?, ?) ON CONFLICT (tenant_id, user_id) DO UPDATE SET"
                          + " content_hash = EXCLUDED.content_hash,"
                          + " seen_run = COALESCE(EXCLUDED.seen_run, directory_user.seen_run)")) {
                for (var entry : hashes.entrySet()) {
                  statement.setString(1, tenantId);
                  statement.setString(2, entry.getKey());
                  statement.setString(3, entry.getValue());
                  statement.setObject(4, seenRun);
                  statement.addBatch();
                }
                statement.executeBatch();
              }
            });
  }

  /**
   * Refreshes the planner's statistics. A first sync grows the table from nothing; with stale
   * statistics PostgreSQL keeps scanning it whole for each page's hash lookup.
   */
  public void analyze() {
    getEntityManager().createNativeQuery("ANALYZE directory_user").executeUpdate();
  }

  public long deleteUsers(String tenantId, Collection<String> userIds) {
    return delete("key.tenantId = ?1 and key.userId in ?2", tenantId, userIds);
  }
}
