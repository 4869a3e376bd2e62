package io.signet.render.service;

import io.signet.render.repository.CampaignEntity;
import io.signet.render.repository.Repositories;
import io.signet.render.repository.RuleEntity;
import io.signet.render.repository.TenantEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything rendering a tenant's users needs, read once per batch: its rules, the latest version
 * of each template (compiled once per version), its campaigns.
 */
@ApplicationScoped
public class TenantRenderContext {

  private final Repositories.Tenants tenants;
  private final Repositories.Rules rules;
  private final Repositories.TemplateVersions versions;
  private final Repositories.Campaigns campaigns;
  private final Map<String, SignatureTemplates.Compiled> compiled = new ConcurrentHashMap<>();

  public TenantRenderContext(
      Repositories.Tenants tenants,
      Repositories.Rules rules,
      Repositories.TemplateVersions versions,
      Repositories.Campaigns campaigns) {
    this.tenants = tenants;
    this.rules = rules;
    this.versions = versions;
    this.campaigns = campaigns;
  }

  /**
   * A tenant's rendering inputs at one moment.
   *
   * @param domains the tenant's domains, lower case
   * @param createAliasSendAs whether push-service creates the sendAs entries aliases lack
   */
  public record Context(
      RenderModel.Tenant tenant,
      java.util.Set<String> domains,
      boolean createAliasSendAs,
      List<AssignmentRule> rules,
      Map<String, SignatureTemplates.Compiled> templates,
      Map<String, Integer> templateVersions,
      List<Campaign> campaigns) {}

  @Transactional
  public Optional<Context> load(String tenantId) {
    TenantEntity tenant = tenants.findById(tenantId);
    if (tenant == null) {
      return Optional.empty();
    }
    Map<String, SignatureTemplates.Compiled> templates = new HashMap<>();
    Map<String, Integer> templateVersions = new HashMap<>();
    List<AssignmentRule> tenantRules =
        rules.ofTenant(tenantId).stream().map(TenantRenderContext::rule).toList();
    for (AssignmentRule rule : tenantRules) {
      versions
          .latest(rule.templateId())
          .ifPresent(
              version -> {
                templates.put(
                    rule.templateId(),
                    compiled.computeIfAbsent(
                        rule.templateId() + "@" + version.key.version(),
                        key -> SignatureTemplates.compile(version.source)));
                templateVersions.put(rule.templateId(), version.key.version());
              });
    }
    List<Campaign> tenantCampaigns =
        campaigns.ofTenant(tenantId).stream().map(TenantRenderContext::campaign).toList();
    return Optional.of(
        new Context(
            new RenderModel.Tenant(
                tenant.displayName, tenant.primaryDomain, region(tenant.primaryDomain)),
            domains(tenant),
            tenant.createAliasSendAs,
            tenantRules,
            templates,
            templateVersions,
            tenantCampaigns));
  }

  static AssignmentRule rule(RuleEntity rule) {
    return new AssignmentRule(
        rule.position,
        new Audience(Audience.Kind.valueOf(rule.audienceKind), rule.audienceValue),
        rule.templateId,
        rule.includeAliases,
        rule.includeExternalSendAs);
  }

  private static java.util.Set<String> domains(TenantEntity tenant) {
    java.util.Set<String> domains = new java.util.HashSet<>();
    if (tenant.domains != null) {
      for (String domain : tenant.domains.split(",")) {
        if (!domain.isBlank()) {
          domains.add(domain);
        }
      }
    }
    if (tenant.primaryDomain != null && !tenant.primaryDomain.isBlank()) {
      domains.add(tenant.primaryDomain.toLowerCase(java.util.Locale.ROOT));
    }
    return java.util.Set.copyOf(domains);
  }

  static Campaign campaign(CampaignEntity campaign) {
    return new Campaign(
        campaign.id,
        campaign.name,
        campaign.bannerHtml,
        campaign.startAt,
        campaign.endAt,
        new Audience(Audience.Kind.valueOf(campaign.audienceKind), campaign.audienceValue));
  }

  /** The phone region of a tenant: its primary domain's country code top-level domain, or US. */
  static String region(String domain) {
    String tld = domain.substring(domain.lastIndexOf('.') + 1).toUpperCase(java.util.Locale.ROOT);
    return tld.length() == 2 ? tld : "US";
  }
}
