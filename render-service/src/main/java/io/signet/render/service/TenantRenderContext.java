package io.signet.render.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
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
import org.jboss.logging.Logger;

/**
 * Everything rendering a tenant's users needs, read once per batch: its rules, the latest version
 * of each template (compiled once per version, in the bounded {@code compiled-templates} cache),
 * its campaigns.
 */
@ApplicationScoped
public class TenantRenderContext {

  private static final Logger LOG = Logger.getLogger(TenantRenderContext.class);

  private final Repositories.Tenants tenants;
  private final Repositories.Rules rules;
  private final Repositories.TemplateVersions versions;
  private final Repositories.Campaigns campaigns;
  private final Cache compiled;
  private final MeterRegistry metrics;

  public TenantRenderContext(
      Repositories.Tenants tenants,
      Repositories.Rules rules,
      Repositories.TemplateVersions versions,
      Repositories.Campaigns campaigns,
      @CacheName("compiled-templates") Cache compiled,
      MeterRegistry metrics) {
    this.tenants = tenants;
    this.rules = rules;
    this.versions = versions;
    this.campaigns = campaigns;
    this.compiled = compiled;
    this.metrics = metrics;
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
          .flatMap(version -> compile(tenantId, version))
          .ifPresent(
              template -> {
                templates.put(rule.templateId(), template.compiled());
                templateVersions.put(rule.templateId(), template.version());
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

  private record Version(SignatureTemplates.Compiled compiled, int version) {}

  /**
   * A template version, compiled once. A version saved before a check it fails existed (a section
   * now refused, a loop over a limit) renders nothing: its users get no signature, as with a
   * template that fails for them, and the error is logged and counted.
   */
  private Optional<Version> compile(
      String tenantId, io.signet.render.repository.TemplateVersionEntity version) {
    String key = version.key.templateId() + "@" + version.key.version();
    try {
      SignatureTemplates.Compiled template =
          compiled
              .get(key, ignored -> SignatureTemplates.compile(version.source))
              .await()
              .indefinitely();
      return Optional.of(new Version(template, version.key.version()));
    } catch (RuntimeException e) {
      TemplateError error = TemplateError.of(e);
      if (error != e && error != e.getCause()) {
        throw e; // not the template's fault
      }
      metrics.counter("signet_render_errors_total", "reason", "template-refused").increment();
      LOG.errorf(
          "tenant %s: template %s no longer compiles, its users get no signature: %s",
          tenantId, key, error.describe());
      return Optional.empty();
    }
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
