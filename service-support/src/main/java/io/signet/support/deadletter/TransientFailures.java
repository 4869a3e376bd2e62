package io.signet.support.deadletter;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Which failures a retry can fix (the database or Kafka unreachable or timing out): those are
 * retried with backoff, never dead-lettered. Everything else is the record's fault.
 */
public final class TransientFailures {

  /** SQLState classes of a lost or refused connection, resources, and a shutting-down server. */
  private static final Set<String> TRANSIENT_SQL_STATE_CLASSES = Set.of("08", "53", "57", "40");

  /** A database that is not accepting connections (being restarted, or closed to them). */
  private static final Set<String> TRANSIENT_SQL_STATES = Set.of("55000");

  private static final Set<String> TRANSIENT_TYPES =
      Set.of(
          "org.hibernate.exception.JDBCConnectionException",
          "jakarta.persistence.QueryTimeoutException",
          "jakarta.persistence.LockTimeoutException");

  private TransientFailures() {}

  public static boolean isTransient(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLTransientException
          || t instanceof SQLRecoverableException
          || t instanceof ConnectException
          || t instanceof java.util.concurrent.TimeoutException
          || t instanceof org.apache.kafka.common.errors.RetriableException
          || TRANSIENT_TYPES.contains(t.getClass().getName())) {
        return true;
      }
      if (t instanceof SQLException sql) {
        String state = sql.getSQLState();
        if (state == null
            ? String.valueOf(sql.getMessage()).contains("Acquisition timeout")
            : TRANSIENT_SQL_STATES.contains(state)
                || state.length() >= 2
                    && TRANSIENT_SQL_STATE_CLASSES.contains(state.substring(0, 2))) {
          return true;
        }
      }
    }
    return false;
  }
}
