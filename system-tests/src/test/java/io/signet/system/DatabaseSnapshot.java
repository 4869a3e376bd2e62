package io.signet.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The content of every table of the stack's four databases, as a row count and a digest per table:
 * equal snapshots mean nothing was written. {@code push_replica} holds push-service's heartbeats,
 * which change every 2 s by design, and is left out. directory-sync re-reads each tenant's groups
 * on an interval and writes each read as a new generation: of its group tables only what a read
 * found is compared, not the generation's id nor when it was read.
 */
final class DatabaseSnapshot {

  private static final Set<String> VOLATILE = Set.of("push_replica");
  private static final Map<String, String> CONTENT =
      Map.of(
          "group_graph", "tenant_id",
          "group_edge", "tenant_id, group_email, member_email, member_type");
  private static final List<String> DATABASES = List.of("tenant", "directory", "render", "push");

  private DatabaseSnapshot() {}

  /** {@code database.table} → {@code rows:digest}. */
  static Map<String, String> take(LocalStackRun stack) {
    Properties saved = stack.saved();
    int port =
        "embedded".equals(saved.getProperty("postgres.mode"))
            ? 5433 + Integer.parseInt(saved.getProperty("ports.offset"))
            : 5432;
    Map<String, String> snapshot = new TreeMap<>();
    for (String database : DATABASES) {
      String name = saved.getProperty("db.prefix") + database;
      try (Connection connection =
              DriverManager.getConnection(
                  "jdbc:postgresql://127.0.0.1:" + port + "/" + name, "postgres", "");
          Statement statement = connection.createStatement()) {
        List<String> tables = new ArrayList<>();
        try (ResultSet rows =
            statement.executeQuery(
                "select tablename from pg_tables where schemaname = 'public' order by 1")) {
          while (rows.next()) {
            tables.add(rows.getString(1));
          }
        }
        for (String table : tables) {
          if (VOLATILE.contains(table)) {
            continue;
          }
          try (ResultSet rows =
              statement.executeQuery(
                  "select count(*), coalesce(md5(string_agg(t::text, '|' order by t::text)), '')"
                      + " from (select "
                      + CONTENT.getOrDefault(table, "*")
                      + " from \""
                      + table
                      + "\") t")) {
            rows.next();
            snapshot.put(database + "." + table, rows.getLong(1) + ":" + rows.getString(2));
          }
        }
      } catch (SQLException e) {
        throw new AssertionError("cannot read database " + name + ": " + e.getMessage(), e);
      }
    }
    return snapshot;
  }
}
