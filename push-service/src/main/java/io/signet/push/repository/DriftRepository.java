package io.signet.push.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** Which applied signatures are due a read-back, and marking those someone changed in Gmail. */
@ApplicationScoped
public class DriftRepository {

  private final Jdbc jdbc;

  public DriftRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** An applied signature to read back; {@code gmailHash} is what Gmail stored when applied. */
  public record Applied(
      String tenantId, String userId, String sendAsEmail, String subject, String gmailHash) {}

  /**
   * Takes up to {@code limit} applied signatures of pushing tenants last checked before {@code
   * checkedBefore}, marking them checked now (so no other replica takes them).
   */
  public List<Applied> takeDue(Instant checkedBefore, int limit) {
    return jdbc.query(
        """
        update push_target t set checked_at = now()
        from (select t.tenant_id, t.send_as_email from push_target t
              join push_tenant tn on tn.tenant_id = t.tenant_id
              where t.state = 'APPLIED' and t.checked_at < ? and t.gmail_hash is not null
                and tn.status = 'ACTIVE' and tn.paused_reason is null
              order by t.checked_at limit ?
              for update of t skip locked) due
        where t.tenant_id = due.tenant_id and t.send_as_email = due.send_as_email
        returning t.tenant_id, t.user_id, t.send_as_email, t.subject, t.gmail_hash
        """,
        row ->
            new Applied(
                row.getString(1),
                row.getString(2),
                row.getString(3),
                row.getString(4),
                row.getString(5)),
        checkedBefore,
        limit);
  }

  /**
   * Gmail no longer holds what was applied: push the desired signature again.
   *
   * @return false when the target changed meanwhile (it is being pushed anyway)
   */
  public boolean drifted(Applied applied) {
    return jdbc.update(
            """
            update push_target set state = 'PENDING', applied_hash = null, cause = 'DRIFT',
                priority = 1, attempts = 0, next_attempt_at = now(), state_at = now()
            where tenant_id = ? and send_as_email = ? and state = 'APPLIED' and gmail_hash = ?
            """,
            applied.tenantId(),
            applied.sendAsEmail(),
            applied.gmailHash())
        > 0;
  }
}
