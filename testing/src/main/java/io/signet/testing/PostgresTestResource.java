package io.signet.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Gives a Quarkus test application its own fresh PostgreSQL database, dropped when the application
 * stops. The server is the one at 127.0.0.1:5432 when it answers, otherwise an embedded PostgreSQL
 * started for this test JVM. Use with {@code @QuarkusTestResource}.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

  private TestDatabase database;

  @Override
  public Map<String, String> start() {
    database = TestPostgres.server().createDatabase();
    return Map.of(
        "quarkus.datasource.jdbc.url", database.jdbcUrl(),
        "quarkus.datasource.username", database.username(),
        "quarkus.datasource.password", database.password());
  }

  @Override
  public void stop() {
    if (database != null) {
      database.drop();
    }
  }
}
