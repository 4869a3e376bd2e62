package io.signet.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One database created for one test application on a {@link TestPostgres} server.
 *
 * @param adminJdbcUrl URL of the server's maintenance database, used to drop this one
 */
public record TestDatabase(
    String name, String jdbcUrl, String username, String password, String adminJdbcUrl) {

  /** Drops the database, closing whatever connections the test left open. */
  public void drop() {
    try (Connection connection = DriverManager.getConnection(adminJdbcUrl, username, password);
        Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop test database " + name, e);
    }
  }

  /**
   * Makes the database refuse every connection, and closes the ones open: to the application it is
   * a database that is down, while the server keeps serving the other tests' databases.
   */
  public void refuseConnections() {
    admin(
        "ALTER DATABASE \"" + name + "\" ALLOW_CONNECTIONS false",
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
  }

  /** Ends {@link #refuseConnections}. */
  public void acceptConnections() {
    admin("ALTER DATABASE \"" + name + "\" ALLOW_CONNECTIONS true");
  }

  /** Runs statements in this database, e.g. a constraint standing for a bug and its fix. */
  public void execute(String... statements) {
    run(jdbcUrl, statements);
  }

  /** The database of a JDBC URL made by {@link TestPostgres#createDatabase}. */
  public static TestDatabase at(String jdbcUrl) {
    String path = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
    int query = path.indexOf('?');
    return TestPostgres.server().database(query < 0 ? path : path.substring(0, query));
  }

  private void admin(String... statements) {
    run(adminJdbcUrl, statements);
  }

  private void run(String url, String... statements) {
    try (Connection connection = DriverManager.getConnection(url, username, password);
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot administer test database " + name, e);
    }
  }
}
