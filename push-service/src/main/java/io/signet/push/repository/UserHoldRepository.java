package io.signet.push.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Users held at Google's per-user rate limit until Google's "Retry after": the claim skips every
 * address of a held user, so one user's limit delays that user alone.
 */
@ApplicationScoped
public class UserHoldRepository {

  private final Jdbc jdbc;

  public UserHoldRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Holds the user until {@code until} (a later hold already there stays), and moves the user's
   * waiting addresses to then so the status API shows when they will go.
   */
  public void hold(String tenantId, String userId, Instant until, String reason) {
    jdbc.update(
        """
        insert into push_user_hold as h (tenant_id, user_id, until, reason) values (?, ?, ?, ?)
        on conflict (tenant_id, user_id) do update
            set until = greatest(h.until, excluded.until), reason = excluded.reason
        """,
        tenantId,
        userId,
        until,
        reason);
    jdbc.update(
        """
        update push_target set next_attempt_at = greatest(next_attempt_at, ?)
        where tenant_id = ? and user_id = ? and state in ('PENDING', 'RETRYING')
        """,
        until,
        tenantId,
        userId);
    // holds long over are of no use: the table stays as small as the users limited right now
    jdbc.update("delete from push_user_hold where until < now() - interval '1 hour'");
  }
}
