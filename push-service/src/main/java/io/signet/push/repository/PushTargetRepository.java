package io.signet.push.repository;

import io.signet.push.repository.Jdbc.TextArray;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The desired and applied signature of every (tenant, sendAs address), and the state that drives
 * one to the other. Every write is one statement, conditional on what it expects, so replicas and
 * late outcomes never overwrite newer content.
 */
@ApplicationScoped
public class PushTargetRepository {

  private static final String INGEST =
      """
      insert into push_target as t (tenant_id, send_as_email, user_id, subject, desired_html,
          desired_hash, desired_at, cause, priority, state, attempts, next_attempt_at, state_at)
      select i.tenant_id, i.send_as_email, i.user_id, i.subject, i.html, i.hash, now(), i.cause,
          i.priority::smallint,
          case when tn.status = 'ACTIVE' and tn.paused_reason is null then 'PENDING'
               else 'PAUSED' end,
          0, now(), now()
      from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                  ?::text[])
          as i(tenant_id, send_as_email, user_id, subject, html, hash, cause, priority)
      left join push_tenant tn on tn.tenant_id = i.tenant_id
      on conflict (tenant_id, send_as_email) do update set
          user_id = excluded.user_id, subject = excluded.subject,
          desired_html = excluded.desired_html, desired_hash = excluded.desired_hash,
          desired_at = excluded.desired_at, cause = excluded.cause, priority = excluded.priority,
          state = case when t.applied_hash = excluded.desired_hash
                            and t.user_id = excluded.user_id then 'APPLIED'
                       else excluded.state end,
          attempts = 0, last_reason = null, last_error = null, state_at = now(),
          next_attempt_at = case
              when t.lease_until > now() or t.applied_at > now() - ?::interval
              then now() + ?::interval else now() end
      where t.desired_hash <> excluded.desired_hash or t.user_id <> excluded.user_id
         or (excluded.cause = 'DIRECTORY' and t.state = 'FAILED'
             and t.last_reason = any(?::text[]))
      returning t.tenant_id, t.user_id, t.send_as_email, t.state, t.desired_hash
      """;

  /**
   * One row per tenant with due work, its first rows in order; then the fairest batch. Users held
   * at Google's per-user limit ({@link UserHoldRepository}) wait, whatever their addresses' times.
   */
  private static final String CLAIM =
      """
      with candidates as (
        select c.tenant_id, c.send_as_email, c.priority, c.next_attempt_at, tn.project,
               row_number() over (partition by c.tenant_id
                                  order by c.priority, c.next_attempt_at) as turn
        from push_tenant tn
        cross join lateral (
          select t.tenant_id, t.send_as_email, t.priority, t.next_attempt_at
          from push_target t
          where t.tenant_id = tn.tenant_id and t.state in ('PENDING', 'RETRYING')
            and t.next_attempt_at <= now() and t.priority <= ?
            and (t.lease_until is null or t.lease_until < now())
            and not exists (select 1 from push_user_hold h where h.tenant_id = t.tenant_id
                            and h.user_id = t.user_id and h.until > now())
          order by t.priority, t.next_attempt_at
          limit ?
          for update skip locked) c
        where tn.status = 'ACTIVE' and tn.paused_reason is null
      ), chosen as (
        select tenant_id, send_as_email, project from candidates
        order by priority, turn, next_attempt_at
        limit ?
      )
      update push_target t set lease_owner = ?, lease_until = now() + ?::interval
      from chosen
      where t.tenant_id = chosen.tenant_id and t.send_as_email = chosen.send_as_email
      returning t.tenant_id, t.user_id, t.send_as_email, t.subject, t.desired_html,
          t.desired_hash, t.desired_at, t.attempts, t.priority, chosen.project,
          now() as claimed_at, t.lease_until
      """;

  private final Jdbc jdbc;

  public PushTargetRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** What an ingested target became. */
  public record Ingested(
      String tenantId, String userId, String sendAsEmail, String state, String contentHash) {}

  /**
   * Stores desired signatures (one per address in the batch). Content equal to what is already
   * desired changes nothing; content equal to what Gmail holds becomes APPLIED at once; anything
   * else waits to be pushed (PAUSED while its tenant is not active). New content for an address
   * being pushed or pushed within {@code coalesce} waits that long, so a burst of edits ends in one
   * more write rather than one each. The same content again re-arms an address only when it FAILED
   * for one of {@code userReasons} and the user changed in the directory (cause {@code DIRECTORY}):
   * the user's account may be fine again.
   *
   * @return the rows that changed
   */
  public List<Ingested> storeDesired(
      List<DesiredSignature> desired, Duration coalesce, List<String> userReasons) {
    if (desired.isEmpty()) {
      return List.of();
    }
    lockTenants(desired.stream().map(DesiredSignature::tenantId).distinct().sorted().toList());
    return jdbc.query(
        INGEST,
        row ->
            new Ingested(
                row.getString(1),
                row.getString(2),
                row.getString(3),
                row.getString(4),
                row.getString(5)),
        column(desired, DesiredSignature::tenantId),
        column(desired, DesiredSignature::sendAsEmail),
        column(desired, DesiredSignature::userId),
        column(desired, DesiredSignature::subject),
        column(desired, DesiredSignature::html),
        column(desired, DesiredSignature::contentHash),
        column(desired, DesiredSignature::cause),
        column(desired, d -> Integer.toString(d.priority())),
        coalesce.toMillis() + " milliseconds",
        coalesce.toMillis() + " milliseconds",
        new TextArray(userReasons));
  }

  /**
   * Holds the tenants' rows (made, unknown, if no snapshot came yet) until this transaction ends,
   * so that a tenant snapshot committed meanwhile cannot miss the targets stored here as PAUSED.
   */
  private void lockTenants(List<String> tenantIds) {
    jdbc.update(
        """
        insert into push_tenant (tenant_id, status, project)
        select id, 'UNKNOWN', ? from unnest(?::text[]) as id
        on conflict (tenant_id) do nothing
        """,
        PushTenantRepository.UNKNOWN_PROJECT,
        new TextArray(tenantIds));
    jdbc.query(
        "select tenant_id from push_tenant where tenant_id = any(?::text[]) order by tenant_id"
            + " for share",
        row -> row.getString(1),
        new TextArray(tenantIds));
  }

  /**
   * Forgets the addresses of {@code users} that are not in {@code kept}: a user gone from the
   * directory (or suspended) keeps whatever Gmail holds but gets no more pushes.
   *
   * @param userTenants tenant of each user, aligned with {@code userIds}
   * @param keptTenants tenant of each kept address, aligned with {@code keptAddresses}
   */
  public int forget(
      List<String> userTenants,
      List<String> userIds,
      List<String> keptTenants,
      List<String> keptAddresses) {
    if (userIds.isEmpty()) {
      return 0;
    }
    return jdbc.update(
        """
        delete from push_target t
        where (t.tenant_id, t.user_id) in (select * from unnest(?::text[], ?::text[]))
          and (t.tenant_id, t.send_as_email) not in (select * from unnest(?::text[], ?::text[]))
        """,
        new TextArray(userTenants),
        new TextArray(userIds),
        new TextArray(keptTenants),
        new TextArray(keptAddresses));
  }

  /** Which of these addresses (tenant and address, pairwise) have a target already. */
  public Set<String> existing(List<String> tenantIds, List<String> addresses) {
    if (tenantIds.isEmpty()) {
      return Set.of();
    }
    return new HashSet<>(
        jdbc.query(
            """
            select t.tenant_id || '/' || t.send_as_email from push_target t
            where (t.tenant_id, t.send_as_email) in (select * from unnest(?::text[], ?::text[]))
            """,
            row -> row.getString(1),
            new TextArray(tenantIds),
            new TextArray(addresses)));
  }

  /**
   * Leases up to {@code limit} due targets of active tenants: single-user changes first, then
   * tenants in turn, so a tenant's bulk never holds another tenant's work back.
   *
   * @param maxPriority 0 for single-user changes only, 1 for any
   */
  public List<ClaimedTarget> claim(String owner, Duration lease, int limit, int maxPriority) {
    return jdbc.query(
        CLAIM,
        row ->
            new ClaimedTarget(
                row.getString(1),
                row.getString(2),
                row.getString(3),
                row.getString(4),
                row.getString(5),
                row.getString(6),
                Jdbc.instant(row, "desired_at"),
                row.getInt(8),
                row.getInt(9),
                row.getString(10),
                Jdbc.instant(row, "claimed_at"),
                Jdbc.instant(row, "lease_until")),
        maxPriority,
        limit,
        limit,
        owner,
        lease.toMillis() + " milliseconds");
  }

  /**
   * Gmail holds the pushed content: APPLIED, unless newer content arrived meanwhile (then it waits
   * for its own push).
   */
  public void applied(ClaimedTarget target, String gmailHash, int attempts) {
    jdbc.update(
        """
        update push_target set applied_hash = ?, gmail_hash = ?, applied_at = now(),
            checked_at = now(), lease_owner = null, lease_until = null, state_at = now(),
            state = case when desired_hash = ? then 'APPLIED'
                         when state = 'PAUSED' then 'PAUSED' else 'PENDING' end,
            attempts = case when desired_hash = ? then ? else 0 end,
            last_reason = null, last_error = null
        where tenant_id = ? and send_as_email = ?
        """,
        target.contentHash(),
        gmailHash,
        target.contentHash(),
        target.contentHash(),
        attempts,
        target.tenantId(),
        target.sendAsEmail());
  }

  /**
   * The push of this content ends in {@code state} (RETRYING at {@code nextAttempt}, or FAILED).
   *
   * @return false when newer content replaced it meanwhile: only the lease is released then
   */
  public boolean settle(
      ClaimedTarget target,
      String state,
      int attempts,
      Instant nextAttempt,
      String reason,
      String detail) {
    int updated =
        jdbc.update(
            """
            update push_target set state = case when state = 'PAUSED' then 'PAUSED' else ? end,
                attempts = ?, next_attempt_at = ?, last_reason = ?, last_error = ?,
                lease_owner = null, lease_until = null, state_at = now()
            where tenant_id = ? and send_as_email = ? and desired_hash = ?
            """,
            state,
            attempts,
            nextAttempt,
            reason,
            detail,
            target.tenantId(),
            target.sendAsEmail(),
            target.contentHash());
    if (updated == 0) {
      release(target, Instant.now());
    }
    return updated > 0;
  }

  /**
   * Gives a lease back without a push; the target is due again at {@code dueAt}. A lease that is no
   * longer this claim's (given back by a pause, taken again by a newer claim) is left alone, so an
   * old claim never frees an address a newer one is pushing.
   */
  public void release(ClaimedTarget target, Instant dueAt) {
    jdbc.update(
        """
        update push_target set lease_owner = null, lease_until = null,
            next_attempt_at = greatest(next_attempt_at, ?)
        where tenant_id = ? and send_as_email = ? and lease_until = ?
        """,
        dueAt,
        target.tenantId(),
        target.sendAsEmail(),
        target.leaseUntil());
  }

  /**
   * Whether the claim still holds its lease (locking the row until the transaction ends): not when
   * the lease ran out and a newer claim took the address.
   */
  public boolean holds(ClaimedTarget target) {
    return !jdbc.query(
            """
            select 1 from push_target
            where tenant_id = ? and send_as_email = ? and lease_until = ?
            for update
            """,
            row -> row.getInt(1),
            target.tenantId(),
            target.sendAsEmail(),
            target.leaseUntil())
        .isEmpty();
  }

  /**
   * Waiting targets of the tenant stop until it resumes. Leases stay with their claims: a push in
   * flight ends (Gmail may take it) before the address can be claimed again after a resume, so no
   * address is written twice; claims that were not pushed yet are given back by their replica.
   */
  public int pause(String tenantId) {
    return jdbc.update(
        """
        update push_target set state = 'PAUSED', state_at = now()
        where tenant_id = ? and state in ('PENDING', 'RETRYING')
        """,
        tenantId);
  }

  /**
   * Paused targets of the tenant wait again, with those that failed for one of {@code reasons} (its
   * delegation, the reason a tenant pauses; a missing sendAs the tenant now lets Signet create).
   */
  public int resume(String tenantId, List<String> reasons) {
    return jdbc.update(
        """
        update push_target set state = 'PENDING', attempts = 0, next_attempt_at = now(),
            state_at = now()
        where tenant_id = ? and (state = 'PAUSED'
            or (state = 'FAILED' and last_reason = any(?::text[])))
        """,
        tenantId,
        new TextArray(reasons));
  }

  /** FAILED targets of the tenant (of one user, when given) are tried again. */
  public int retryFailed(String tenantId, String userId) {
    return jdbc.update(
        """
        update push_target set state = 'PENDING', attempts = 0, next_attempt_at = now(),
            priority = 0, state_at = now()
        where tenant_id = ? and state = 'FAILED' and (?::text is null or user_id = ?)
        """,
        tenantId,
        userId,
        userId);
  }

  /** The user's addresses are pushed again, first in line, even where Gmail holds them. */
  public int force(String tenantId, String userId, boolean tenantActive) {
    return jdbc.update(
        """
        update push_target set applied_hash = null, attempts = 0, next_attempt_at = now(),
            priority = 0, cause = 'MANUAL', state_at = now(),
            state = case when ? then 'PENDING' else 'PAUSED' end
        where tenant_id = ? and user_id = ?
        """,
        tenantActive,
        tenantId,
        userId);
  }

  /** Every target of a tenant that was deleted. */
  public int deleteTenant(String tenantId) {
    return jdbc.update("delete from push_target where tenant_id = ?", tenantId);
  }

  private static <T> TextArray column(List<T> rows, java.util.function.Function<T, String> field) {
    return new TextArray(rows.stream().map(field).toList());
  }
}
