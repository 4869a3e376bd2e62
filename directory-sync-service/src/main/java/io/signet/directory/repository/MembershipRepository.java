package io.signet.directory.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Array;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Group memberships gathered by a full sync, kept in PostgreSQL rather than in memory so a sync's
 * memory does not grow with the tenant.
 */
@ApplicationScoped
public class MembershipRepository {

  private final EntityManager entityManager;

  public MembershipRepository(EntityManager entityManager) {
    this.entityManager = entityManager;
  }

  /** Records that these users belong to a group. */
  @Transactional
  public void add(UUID run, String groupEmail, Collection<String> userEmails) {
    entityManager
        .unwrap(Session.class)
        .doWork(
            connection -> {
              try (var statement =
                  connection.prepareStatement(
                      "INSERT INTO group_membership (run_id, user_email, group_email) VALUES (?, ?, ?)")) {
                for (String user : userEmails) {
                  statement.setObject(1, run);
                  statement.setString(2, user.toLowerCase());
                  statement.setString(3, groupEmail.toLowerCase());
                  statement.addBatch();
                }
                statement.executeBatch();
              }
            });
  }

  /** The groups of each of these users (users without groups are absent). */
  @Transactional
  public Map<String, List<String>> groupsOf(UUID run, Collection<String> userEmails) {
    Map<String, List<String>> groups = new HashMap<>();
    entityManager
        .unwrap(Session.class)
        .doWork(
            connection -> {
              Array emails =
                  connection.createArrayOf(
                      "text", userEmails.stream().map(String::toLowerCase).toArray());
              try (var statement =
                  connection.prepareStatement(
                      "SELECT user_email, group_email FROM group_membership"
                          + " WHERE run_id = ? AND user_email = ANY (?)")) {
                statement.setObject(1, run);
                statement.setArray(2, emails);
                try (var rows = statement.executeQuery()) {
                  while (rows.next()) {
                    groups
                        .computeIfAbsent(rows.getString(1), key -> new java.util.ArrayList<>())
                        .add(rows.getString(2));
                  }
                }
              }
            });
    return groups;
  }

  @Transactional
  public void clear(UUID run) {
    entityManager
        .createNativeQuery("DELETE FROM group_membership WHERE run_id = ?1")
        .setParameter(1, run)
        .executeUpdate();
  }
}
