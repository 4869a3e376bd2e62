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
