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
}
