package io.signet.support.outbox;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One relay at a time across a service's replicas: a PostgreSQL advisory lock held until the
 * caller's transaction ends. A relay that reads its unpublished rows, sends them and marks them
 * under it publishes in order; two relays taking disjoint batches (SKIP LOCKED) would not.
 */
@ApplicationScoped
public class RelayLock {

  /** Namespace of Signet's advisory locks (the high half of the relay's bigint key). */
  static final int NAMESPACE = 0x5349474E;

  private final AgroalDataSource dataSource;

  public RelayLock(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The lock's key (bigint form) for a relay's name: {@code pg_locks} shows who holds it. */
  public static long key(String relay) {
    return ((long) NAMESPACE << 32) | (relay.hashCode() & 0xffffffffL);
  }

  /** Takes the lock unless another transaction holds it; {@code false} then. */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean tryTake(String relay) {
    return query("SELECT pg_try_advisory_xact_lock(?)", relay);
  }

  /**
   * Waits for the lock, at most 90 s: a relay stuck longer than Kafka's delivery timeout is not
   * waited for.
   *
   * @throws IllegalStateException when the wait ran out
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void take(String relay) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement("SET LOCAL lock_timeout = '90s'")) {
      statement.execute();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot set the relay's lock timeout: " + e.getMessage(), e);
    }
    query("SELECT true FROM (SELECT pg_advisory_xact_lock(?)) AS locked", relay);
  }

  private boolean query(String sql, String relay) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setLong(1, key(relay));
      try (ResultSet result = statement.executeQuery()) {
        return result.next() && result.getBoolean(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot take the relay's lock: " + e.getMessage(), e);
    }
  }
}
