package io.signet.deploy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The stack's PostgreSQL server: where it is and the databases the services need on it. */
record Postgres(String host, int port, String user, String password) {

  String jdbcUrl(String database) {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  boolean answers() {
    try (Connection connection = connect()) {
      return connection.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  /** Creates {@code database} unless it exists. */
  void ensureDatabase(String database) {
    if (!database.matches("[a-z0-9_]+")) {
      throw new IllegalArgumentException("not a database name: " + database);
    }
    try (Connection connection = connect();
        PreparedStatement exists =
            connection.prepareStatement("select 1 from pg_database where datname = ?")) {
      exists.setString(1, database);
      try (ResultSet rows = exists.executeQuery()) {
        if (rows.next()) {
          return;
        }
      }
      try (Statement create = connection.createStatement()) {
        create.execute("CREATE DATABASE " + database);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot create database " + database + " on " + host + ":" + port + ": " + e.getMessage(),
          e);
    }
  }

  /** Drops {@code database} if it exists (ends its connections first). */
  void dropDatabase(String database) {
    try (Connection connection = connect();
        Statement drop = connection.createStatement()) {
      drop.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop database " + database, e);
    }
  }

  private Connection connect() throws SQLException {
    DriverManager.setLoginTimeout(3);
    return DriverManager.getConnection(jdbcUrl("postgres"), user, password);
  }
}
