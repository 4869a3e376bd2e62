package io.signet.push.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/** The live replicas of push-service, each seen by its heartbeat. */
@ApplicationScoped
public class ReplicaRepository {

  private final Jdbc jdbc;

  public ReplicaRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Records that {@code instanceId} is alive and counts the replicas seen within {@code window}
   * (this one included).
   */
  public int heartbeat(String instanceId, Duration window) {
    jdbc.update(
        """
        insert into push_replica (instance_id, seen_at) values (?, now())
        on conflict (instance_id) do update set seen_at = now()
        """,
        instanceId);
    jdbc.update(
        "delete from push_replica where seen_at < now() - ?::interval",
        (window.toMillis() * 10) + " milliseconds");
    return jdbc.query(
            "select count(*) from push_replica where seen_at >= now() - ?::interval",
            row -> row.getInt(1),
            window.toMillis() + " milliseconds")
        .get(0);
  }

  public void leave(String instanceId) {
    jdbc.update("delete from push_replica where instance_id = ?", instanceId);
  }
}
