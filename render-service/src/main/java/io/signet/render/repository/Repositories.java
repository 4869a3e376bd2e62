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

    /**
     * The active users of a tenant whose signatures are likely the longest: the {@code each} first
     * by payload length (the longest fields), by groups, by Directory aliases, by phones and by
     * Gmail sendAs addresses, each list in user id order on ties; a user on several lists once.
     */
    @SuppressWarnings("unchecked")
    public List<DirectoryUserEntity> longestSignatures(String tenantId, int each) {
      return getEntityManager()
          .createNativeQuery(LONGEST_SIGNATURES, DirectoryUserEntity.class)
          .setParameter("tenant", tenantId)
          .setParameter("each", each)
          .getResultList();
    }

    private static final String LONGEST_SIGNATURES =
        """
        SELECT tenant_id, user_id, content_hash, payload FROM (
          SELECT d.tenant_id, d.user_id, d.content_hash, d.payload,
            row_number() OVER (ORDER BY length(d.payload) DESC, d.user_id) AS by_length,
            row_number() OVER (ORDER BY n.groups DESC, d.user_id) AS by_groups,
            row_number() OVER (ORDER BY n.aliases DESC, d.user_id) AS by_aliases,
            row_number() OVER (ORDER BY n.phones DESC, d.user_id) AS by_phones,
            row_number() OVER (ORDER BY n.send_as DESC, d.user_id) AS by_send_as
          FROM directory_user d
          LEFT JOIN send_as s ON s.tenant_id = d.tenant_id AND s.user_id = d.user_id
          CROSS JOIN LATERAL (SELECT d.payload::jsonb AS p, s.payload::jsonb AS g) j
          CROSS JOIN LATERAL (SELECT
              CASE jsonb_typeof(j.p -> 'groups')
                WHEN 'array' THEN jsonb_array_length(j.p -> 'groups') ELSE 0 END AS groups,
              CASE jsonb_typeof(j.p -> 'aliases')
                WHEN 'array' THEN jsonb_array_length(j.p -> 'aliases') ELSE 0 END AS aliases,
              CASE jsonb_typeof(j.p -> 'phones')
                WHEN 'array' THEN jsonb_array_length(j.p -> 'phones') ELSE 0 END AS phones,
              CASE jsonb_typeof(j.g -> 'addresses')
                WHEN 'array' THEN jsonb_array_length(j.g -> 'addresses') ELSE 0 END AS send_as,
              (j.p ->> 'suspended') = 'true' OR (j.p ->> 'archived') = 'true' AS inactive) n
          WHERE d.tenant_id = :tenant AND NOT coalesce(n.inactive, false)
        ) ranked
        WHERE by_length <= :each OR by_groups <= :each OR by_aliases <= :each
           OR by_phones <= :each OR by_send_as <= :each
        ORDER BY user_id
        """;
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
