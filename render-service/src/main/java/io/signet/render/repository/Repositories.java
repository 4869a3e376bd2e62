package io.signet.render.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
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

  /** Emitted hashes. */
  @ApplicationScoped
  public static class Emitted
      implements PanacheRepositoryBase<EmittedSignatureEntity, DirectoryUserEntity.Key> {}
}
