package io.signet.push.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;

/** The tenants as {@code signet.tenants} last said, and whether pushing is paused here. */
@ApplicationScoped
public class PushTenantRepository {

  /** Stands for the project while a tenant has no service account yet. */
  public static final String UNKNOWN_PROJECT = "none";

  private final Jdbc jdbc;

  public PushTenantRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * A tenant as push-service knows it.
   *
   * @param project the quota-sharing key: the OAuth client id of its service account
   * @param pausedReason why pushing is paused here although the tenant is active, or null
   * @param resumedAt when pushing last resumed here (an admin's retry, or active again), or null
   */
  public record PushTenant(
      String tenantId, String status, String project, String pausedReason, Instant resumedAt) {

    public boolean pushing() {
      return "ACTIVE".equals(status) && pausedReason == null;
    }
  }

  /**
   * Stores the tenant's latest status; a tenant that is (again) active is no longer paused, and
   * resumes if it was not pushing.
   *
   * @return the tenant as it was before, if known
   */
  public Optional<PushTenant> save(String tenantId, String status, String project) {
    Optional<PushTenant> before = find(tenantId);
    jdbc.update(
        """
        insert into push_tenant (tenant_id, status, project, paused_reason, updated_at)
        values (?, ?, ?, null, now())
        on conflict (tenant_id) do update set status = excluded.status,
            project = excluded.project, updated_at = now(),
            paused_reason = case when excluded.status = 'ACTIVE' then null
                                 else push_tenant.paused_reason end,
            resumed_at = case when excluded.status = 'ACTIVE'
                                   and (push_tenant.status <> 'ACTIVE'
                                        or push_tenant.paused_reason is not null)
                              then now() else push_tenant.resumed_at end
        """,
        tenantId,
        status,
        project == null ? UNKNOWN_PROJECT : project);
    return before;
  }

  public Optional<PushTenant> find(String tenantId) {
    return select(tenantId, "");
  }

  /**
   * The tenant, its row locked until the transaction ends. Whoever changes a tenant's pause and its
   * targets' states in one transaction locks the tenant first, so two of them never wait for each
   * other's targets.
   */
  public Optional<PushTenant> lock(String tenantId) {
    return select(tenantId, " for update");
  }

  private Optional<PushTenant> select(String tenantId, String lock) {
    return jdbc
        .query(
            "select tenant_id, status, project, paused_reason, resumed_at from push_tenant"
                + " where tenant_id = ?"
                + lock,
            row ->
                new PushTenant(
                    row.getString(1),
                    row.getString(2),
                    row.getString(3),
                    row.getString(4),
                    Jdbc.instant(row, "resumed_at")),
            tenantId)
        .stream()
        .findFirst();
  }

  /** Whether push-service creates the sendAs entries the tenant's Directory aliases lack. */
  public void createAliasSendAs(String tenantId, boolean create) {
    jdbc.update(
        "update push_tenant set create_alias_send_as = ? where tenant_id = ?", create, tenantId);
  }

  /** See {@link #createAliasSendAs(String, boolean)}; false for an unknown tenant. */
  public boolean createsAliasSendAs(String tenantId) {
    return jdbc
        .query(
            "select create_alias_send_as from push_tenant where tenant_id = ?",
            row -> row.getBoolean(1),
            tenantId)
        .stream()
        .findFirst()
        .orElse(false);
  }

  /** Pushing to the tenant stops here until it is active again or an admin retries. */
  public void pause(String tenantId, String reason) {
    jdbc.update("update push_tenant set paused_reason = ? where tenant_id = ?", reason, tenantId);
  }

  /**
   * Ends the tenant's pause here.
   *
   * @return whether the tenant was paused
   */
  public boolean unpause(String tenantId) {
    return jdbc.update(
            """
            update push_tenant set paused_reason = null, resumed_at = now()
            where tenant_id = ? and paused_reason is not null
            """,
            tenantId)
        > 0;
  }

  public void delete(String tenantId) {
    jdbc.update("delete from push_tenant where tenant_id = ?", tenantId);
  }
}
