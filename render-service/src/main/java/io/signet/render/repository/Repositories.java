package io.signet.render.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The render-service's repositories. */
public final class Repositories {

  private Repositories() {}

  /** Tenants. */
  @ApplicationScoped
  public static class Tenants implements PanacheRepositoryBase<TenantEntity, String> {}

  /** The directory read model. */
  @ApplicationScoped
  public static class Users
      implements PanacheRepositoryBase<DirectoryUserEntity, DirectoryUserEntity.Key> {

    /** A page of a tenant's users in id order, after {@code afterUserId}. */
    public List<DirectoryUserEntity> page(String tenantId, String afterUserId, int size) {
      return find(
              "key.tenantId = ?1 and key.userId > ?2 order by key.userId",
              tenantId,
              afterUserId == null ? "" : afterUserId)
          .page(0, size)
          .list();
    }
  }

  /** Templates. */
  @ApplicationScoped
  public static class Templates implements PanacheRepositoryBase<TemplateEntity, String> {

    public List<TemplateEntity> ofTenant(String tenantId) {
      return list("tenantId", Sort.by("createdAt"), tenantId);
    }
  }

  /** Template versions. */
  @ApplicationScoped
  public static class TemplateVersions
      implements PanacheRepositoryBase<TemplateVersionEntity, TemplateVersionEntity.Key> {

    public Optional<TemplateVersionEntity> latest(String templateId) {
      return find("key.templateId", Sort.descending("key.version"), templateId)
          .firstResultOptional();
    }

    public List<TemplateVersionEntity> all(String templateId) {
      return list("key.templateId", Sort.by("key.version"), templateId);
    }
  }

  /** Assignment rules. */
  @ApplicationScoped
  public static class Rules implements PanacheRepositoryBase<RuleEntity, UUID> {

    public List<RuleEntity> ofTenant(String tenantId) {
      return list("tenantId", Sort.by("position"), tenantId);
    }
  }

  /** Campaigns. */
  @ApplicationScoped
  public static class Campaigns implements PanacheRepositoryBase<CampaignEntity, String> {

    public List<CampaignEntity> ofTenant(String tenantId) {
      return list("tenantId", Sort.by("startAt"), tenantId);
    }

    public List<CampaignEntity> all() {
      return listAll();
    }
  }

  /** Gmail's sendAs addresses per user. */
  @ApplicationScoped
  public static class SendAs
      implements PanacheRepositoryBase<SendAsEntity, DirectoryUserEntity.Key> {

    /** The snapshots of some users of a tenant, by user id. */
    public java.util.Map<String, io.signet.events.SendAsSnapshot> of(
        String tenantId, List<String> userIds) {
      return list("key.tenantId = ?1 and key.userId in ?2", tenantId, userIds).stream()
          .collect(
              java.util.stream.Collectors.toMap(
                  row -> row.key.userId(),
                  row ->
                      io.signet.events.EventJson.read(
                          row.payload, io.signet.events.SendAsSnapshot.class)));
    }
  }

  /** Whole-tenant re-renders, one row per tenant. */
  @ApplicationScoped
  public static class RerenderJobs implements PanacheRepositoryBase<RerenderJobEntity, String> {

    /**
     * Queues a re-render of the tenant in the caller's transaction, or restarts the one pending or
     * running (its cursor goes back to the start): repeated changes merge into one pass.
     */
    public void enqueue(String tenantId, io.signet.events.RenderCause cause, Instant now) {
      getEntityManager()
          .createNativeQuery(
              """
              INSERT INTO rerender_job (tenant_id, state, cause, users_done, users_total,
                                        requested_at, updated_at)
              VALUES (?1, 'PENDING', ?2, 0,
                      (SELECT count(*) FROM directory_user WHERE tenant_id = ?1), ?3, ?3)
              ON CONFLICT (tenant_id) DO UPDATE SET
                  state = 'PENDING', cause = excluded.cause, cursor_user_id = NULL,
                  users_done = 0, users_total = excluded.users_total,
                  requested_at = excluded.requested_at, updated_at = excluded.updated_at,
                  started_at = NULL, finished_at = NULL, last_batch_at = NULL
              """)
          .setParameter(1, tenantId)
          .setParameter(2, cause.name())
          .setParameter(3, now)
          .executeUpdate();
    }

    /**
     * Locks the open job that has waited longest for a batch, skipping those other workers hold
     * (here or in another replica), so tenants take turns and no job runs twice at once.
     */
    public Optional<RerenderJobEntity> claimNext() {
      return find(
              "state <> ?1 order by lastBatchAt nulls first, requestedAt",
              RerenderJobEntity.State.DONE)
          .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
          .withHint("jakarta.persistence.lock.timeout", -2)
          .firstResultOptional();
    }
  }

  /** The live campaigns per tenant as last queued for rendering. */
  @ApplicationScoped
  public static class CampaignStates {

    private final jakarta.persistence.EntityManager entityManager;

    public CampaignStates(jakarta.persistence.EntityManager entityManager) {
      this.entityManager = entityManager;
    }

    /**
     * Whether this transaction is the one checking campaign states now: replicas check one at a
     * time, so they never queue the same tenants in opposite orders.
     */
    public boolean lockCheck() {
      return (Boolean)
          entityManager
              .createNativeQuery("SELECT pg_try_advisory_xact_lock(hashtext('campaign_state'))")
              .getSingleResult();
    }

    /** Records the tenant's campaigns live at {@code now} as the ones its renders show. */
    public void record(String tenantId, Instant now) {
      entityManager
          .createNativeQuery(
              """
              INSERT INTO campaign_state (tenant_id, live_ids, updated_at)
              SELECT ?1, coalesce(string_agg(id, ',' ORDER BY id), ''), ?2 FROM campaign
              WHERE tenant_id = ?1 AND start_at <= ?2 AND end_at > ?2
              ON CONFLICT (tenant_id) DO UPDATE SET
                  live_ids = excluded.live_ids, updated_at = excluded.updated_at
              """)
          .setParameter(1, tenantId)
          .setParameter(2, now)
          .executeUpdate();
    }

    /**
     * The known tenants whose campaigns live at {@code now} differ from the ones recorded: each
     * needs a re-render, whether the edge passed a second ago or while the service was down.
     */
    @SuppressWarnings("unchecked")
    public List<String> changed(Instant now) {
      return entityManager
          .createNativeQuery(
              """
              WITH live AS (
                  SELECT tenant_id, string_agg(id, ',' ORDER BY id) AS ids FROM campaign
                  WHERE start_at <= ?1 AND end_at > ?1 GROUP BY tenant_id)
              SELECT t.id FROM tenant t
              LEFT JOIN live l ON l.tenant_id = t.id
              LEFT JOIN campaign_state s ON s.tenant_id = t.id
              WHERE coalesce(l.ids, '') <> coalesce(s.live_ids, '')
              """)
          .setParameter(1, now)
          .getResultList();
    }

    public void forget(String tenantId) {
      entityManager
          .createNativeQuery("DELETE FROM campaign_state WHERE tenant_id = ?1")
          .setParameter(1, tenantId)
          .executeUpdate();
    }
  }

  /** Emitted hashes. */
  @ApplicationScoped
  public static class Emitted
      implements PanacheRepositoryBase<EmittedSignatureEntity, DirectoryUserEntity.Key> {}
}
