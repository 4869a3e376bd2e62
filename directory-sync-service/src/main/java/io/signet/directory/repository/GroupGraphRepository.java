package io.signet.directory.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hibernate.Session;

/**
 * The set-based SQL over tenants' group graphs (direct memberships, one generation per complete
 * read): recursive expansion up to a user's groups and down to a group's users, and the diff of two
 * generations. Callers own the transactions.
 */
@ApplicationScoped
public class GroupGraphRepository {

  /** A direct member of a group: a {@code USER} or a {@code GROUP}, by lower-case email. */
  public record Member(String email, String type) {}

  private final EntityManager entityManager;

  public GroupGraphRepository(EntityManager entityManager) {
    this.entityManager = entityManager;
  }

  /** Records direct members of a group in a generation (repeats are ignored). */
  public void addEdges(
      String tenantId, UUID generation, String groupEmail, Collection<Member> members) {
    work(
        connection -> {
          try (var statement =
              connection.prepareStatement(
                  "INSERT INTO group_edge (tenant_id, generation, group_email, member_email,"
                      + " member_type) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (Member member : members) {
              statement.setString(1, tenantId);
              statement.setObject(2, generation);
              statement.setString(3, groupEmail.toLowerCase());
              statement.setString(4, member.email().toLowerCase());
              statement.setString(5, member.type());
              statement.addBatch();
            }
            statement.executeBatch();
          }
        });
  }

  /** The tenant's current generation, if any read or user sync made one. */
  public Optional<UUID> current(String tenantId) {
    List<?> rows =
        entityManager
            .createNativeQuery("SELECT generation FROM group_graph WHERE tenant_id = ?1")
            .setParameter(1, tenantId)
            .getResultList();
    return rows.stream().findFirst().map(row -> (UUID) row);
  }

  /** The current generation, created empty (no complete read yet) when there is none. */
  public UUID currentOrCreate(String tenantId) {
    entityManager
        .createNativeQuery(
            "INSERT INTO group_graph (tenant_id, generation) VALUES (?1, ?2)"
                + " ON CONFLICT (tenant_id) DO NOTHING")
        .setParameter(1, tenantId)
        .setParameter(2, UUID.randomUUID())
        .executeUpdate();
    return current(tenantId).orElseThrow();
  }

  /**
   * Makes a complete read the current generation and drops the others. With {@code expected}, only
   * if that is still the current one (another read may have replaced it meanwhile).
   *
   * @return whether {@code generation} is now current
   */
  public boolean swap(String tenantId, UUID generation, UUID expected, Instant readAt) {
    int updated;
    if (expected == null) {
      updated =
          entityManager
              .createNativeQuery(
                  "INSERT INTO group_graph (tenant_id, generation, read_at, reconcile_claimed_at)"
                      + " VALUES (?1, ?2, ?3, ?3) ON CONFLICT (tenant_id) DO UPDATE SET"
                      + " generation = EXCLUDED.generation, read_at = EXCLUDED.read_at,"
                      + " reconcile_claimed_at = EXCLUDED.read_at")
              .setParameter(1, tenantId)
              .setParameter(2, generation)
              .setParameter(3, Timestamp.from(readAt))
              .executeUpdate();
    } else {
      updated =
          entityManager
              .createNativeQuery(
                  "UPDATE group_graph SET generation = ?2, read_at = ?3"
                      + " WHERE tenant_id = ?1 AND generation = ?4")
              .setParameter(1, tenantId)
              .setParameter(2, generation)
              .setParameter(3, Timestamp.from(readAt))
              .setParameter(4, expected)
              .executeUpdate();
    }
    if (updated == 0) {
      return false;
    }
    entityManager
        .createNativeQuery("DELETE FROM group_edge WHERE tenant_id = ?1 AND generation <> ?2")
        .setParameter(1, tenantId)
        .setParameter(2, generation)
        .executeUpdate();
    return true;
  }

  /** Drops a generation's rows unless it is the current one (a read that failed or lost). */
  public void discard(String tenantId, UUID generation) {
    entityManager
        .createNativeQuery(
            "DELETE FROM group_edge WHERE tenant_id = ?1 AND generation = ?2 AND NOT EXISTS"
                + " (SELECT 1 FROM group_graph g WHERE g.tenant_id = ?1 AND g.generation = ?2)")
        .setParameter(1, tenantId)
        .setParameter(2, generation)
        .executeUpdate();
  }

  /**
   * Takes the tenant's reconciliation for this interval: only a tenant whose groups were read
   * completely, and whose last reconciliation (or read) is at least {@code interval} old.
   */
  public boolean claimReconciliation(String tenantId, Instant now, Duration interval) {
    return entityManager
            .createNativeQuery(
                "UPDATE group_graph SET reconcile_claimed_at = ?2 WHERE tenant_id = ?1"
                    + " AND read_at IS NOT NULL"
                    + " AND (reconcile_claimed_at IS NULL OR reconcile_claimed_at <= ?3)")
            .setParameter(1, tenantId)
            .setParameter(2, Timestamp.from(now))
            .setParameter(3, Timestamp.from(now.minus(interval)))
            .executeUpdate()
        == 1;
  }

  /** Replaces the groups a user is directly in (as groups.list?userKey= answered just now). */
  public void replaceDirectGroups(
      String tenantId, UUID generation, String userEmail, Collection<String> groupEmails) {
    entityManager
        .createNativeQuery(
            "DELETE FROM group_edge WHERE tenant_id = ?1 AND generation = ?2"
                + " AND member_email = ?3 AND member_type = 'USER'")
        .setParameter(1, tenantId)
        .setParameter(2, generation)
        .setParameter(3, userEmail.toLowerCase())
        .executeUpdate();
    Member user = new Member(userEmail.toLowerCase(), "USER");
    for (String group : groupEmails) {
      addEdges(tenantId, generation, group, List.of(user));
    }
  }

  /**
   * Every group each of these users is in, directly or through nested groups (users without groups
   * are absent). {@code UNION} rather than {@code UNION ALL}: a cycle of groups ends the walk.
   */
  public Map<String, List<String>> groupsOf(
      String tenantId, UUID generation, Collection<String> userEmails) {
    Map<String, List<String>> groups = new HashMap<>();
    if (userEmails.isEmpty()) {
      return groups;
    }
    work(
        connection -> {
          try (var statement =
              connection.prepareStatement(
                  "WITH RECURSIVE reach (user_email, group_email) AS ("
                      + " SELECT member_email, group_email FROM group_edge"
                      + " WHERE tenant_id = ? AND generation = ? AND member_type = 'USER'"
                      + " AND member_email = ANY (?)"
                      + " UNION"
                      + " SELECT r.user_email, e.group_email FROM reach r JOIN group_edge e"
                      + " ON e.tenant_id = ? AND e.generation = ? AND e.member_type = 'GROUP'"
                      + " AND e.member_email = r.group_email)"
                      + " SELECT user_email, group_email FROM reach")) {
            statement.setString(1, tenantId);
            statement.setObject(2, generation);
            statement.setArray(
                3, textArray(connection, userEmails.stream().map(String::toLowerCase).toList()));
            statement.setString(4, tenantId);
            statement.setObject(5, generation);
            try (var rows = statement.executeQuery()) {
              while (rows.next()) {
                groups
                    .computeIfAbsent(rows.getString(1), key -> new ArrayList<>())
                    .add(rows.getString(2));
              }
            }
          }
        });
    return groups;
  }

  /** The members whose direct memberships differ between two generations. */
  public List<Member> changedMembers(String tenantId, UUID before, UUID after) {
    List<Member> changed = new ArrayList<>();
    work(
        connection -> {
          String edges =
              "SELECT group_email, member_email, member_type FROM group_edge"
                  + " WHERE tenant_id = ? AND generation = ?";
          try (var statement =
              connection.prepareStatement(
                  "SELECT DISTINCT member_email, member_type FROM (("
                      + edges
                      + " EXCEPT "
                      + edges
                      + ") UNION ALL ("
                      + edges
                      + " EXCEPT "
                      + edges
                      + ")) AS difference")) {
            UUID[] order = {before, after, after, before};
            for (int i = 0; i < 4; i++) {
              statement.setString(2 * i + 1, tenantId);
              statement.setObject(2 * i + 2, order[i]);
            }
            try (var rows = statement.executeQuery()) {
              while (rows.next()) {
                changed.add(new Member(rows.getString(1), rows.getString(2)));
              }
            }
          }
        });
    return changed;
  }

  /** The users among these members and under these groups, nested groups included. */
  public Set<String> usersUnder(String tenantId, UUID generation, Collection<Member> members) {
    Set<String> users = new LinkedHashSet<>();
    if (members.isEmpty()) {
      return users;
    }
    work(
        connection -> {
          try (var statement =
              connection.prepareStatement(
                  "WITH RECURSIVE down (member_email, member_type) AS ("
                      + " SELECT * FROM unnest(?::text[], ?::text[])"
                      + " UNION"
                      + " SELECT e.member_email, e.member_type FROM down d JOIN group_edge e"
                      + " ON d.member_type = 'GROUP' AND e.tenant_id = ? AND e.generation = ?"
                      + " AND e.group_email = d.member_email)"
                      + " SELECT member_email FROM down WHERE member_type = 'USER'")) {
            statement.setArray(
                1,
                textArray(connection, members.stream().map(m -> m.email().toLowerCase()).toList()));
            statement.setArray(
                2, textArray(connection, members.stream().map(Member::type).toList()));
            statement.setString(3, tenantId);
            statement.setObject(4, generation);
            try (var rows = statement.executeQuery()) {
              while (rows.next()) {
                users.add(rows.getString(1));
              }
            }
          }
        });
    return users;
  }

  /** The tenant is gone: its graph goes with it. */
  public void forget(String tenantId) {
    entityManager
        .createNativeQuery("DELETE FROM group_edge WHERE tenant_id = ?1")
        .setParameter(1, tenantId)
        .executeUpdate();
    entityManager
        .createNativeQuery("DELETE FROM group_graph WHERE tenant_id = ?1")
        .setParameter(1, tenantId)
        .executeUpdate();
  }

  private static java.sql.Array textArray(Connection connection, Collection<String> values)
      throws SQLException {
    return connection.createArrayOf("text", values.toArray());
  }

  private void work(SqlWork work) {
    entityManager.unwrap(Session.class).doWork(work::run);
  }

  @FunctionalInterface
  private interface SqlWork {
    void run(Connection connection) throws SQLException;
  }
}
