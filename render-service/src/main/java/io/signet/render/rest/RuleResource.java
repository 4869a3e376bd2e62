package io.signet.render.rest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.signet.events.RenderCause;
import io.signet.render.repository.Repositories;
import io.signet.render.repository.RuleEntity;
import io.signet.render.service.Audience;
import io.signet.render.service.Rerenders;
import io.signet.support.Caller;
import io.signet.support.Problem;
import io.signet.support.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The tenant's ordered assignment rules, replaced as a whole. */
@Path("/api/v1/tenants/{tenantId}/rules")
@Tag(name = "rules")
@RolesAllowed({Roles.OPERATOR, Roles.TENANT})
public class RuleResource {

  private final Repositories.Rules rules;
  private final Repositories.Templates templates;
  private final Rerenders rerenders;
  private final Caller caller;

  public RuleResource(
      Repositories.Rules rules,
      Repositories.Templates templates,
      Rerenders rerenders,
      Caller caller) {
    this.rules = rules;
    this.templates = templates;
    this.rerenders = rerenders;
    this.caller = caller;
  }

  @GET
  @Operation(summary = "The rules in order: the first that matches a user chooses its template")
  public List<RenderApi.RuleDoc> list(@PathParam("tenantId") String tenantId) {
    caller.requireTenant(tenantId);
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                rules.ofTenant(tenantId).stream()
                    .map(
                        rule ->
                            new RenderApi.RuleDoc(
                                new RenderApi.AudienceDoc(rule.audienceKind, rule.audienceValue),
                                rule.templateId,
                                rule.includeAliases,
                                rule.includeExternalSendAs))
                    .toList());
  }

  @PUT
  @Operation(summary = "Replace the rules; every user is re-rendered, only changes are emitted")
  public List<RenderApi.RuleDoc> replace(
      @PathParam("tenantId") String tenantId, List<RenderApi.RuleDoc> request) {
    caller.requireTenant(tenantId);
    if (request == null) {
      throw Problem.invalid(null, "the body is the list of rules");
    }
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              for (int i = 0; i < request.size(); i++) {
                RenderApi.RuleDoc rule = request.get(i);
                String field = "[" + i + "]";
                audience(rule == null ? null : rule.audience(), field + ".audience");
                if (rule.templateId() == null
                    || templates
                        .findByIdOptional(rule.templateId())
                        .filter(t -> t.tenantId.equals(tenantId))
                        .isEmpty()) {
                  throw Problem.invalid(field + ".templateId", "no template " + rule.templateId());
                }
                if (Boolean.TRUE.equals(rule.includeExternalSendAs())
                    && !Boolean.TRUE.equals(rule.includeAliases())) {
                  throw Problem.invalid(
                      field + ".includeExternalSendAs",
                      "external sendAs addresses are signed only with includeAliases");
                }
              }
              rules.delete("tenantId", tenantId);
              for (int i = 0; i < request.size(); i++) {
                RenderApi.RuleDoc doc = request.get(i);
                RuleEntity rule = new RuleEntity();
                rule.id = UUID.randomUUID();
                rule.tenantId = tenantId;
                rule.position = i;
                rule.audienceKind = doc.audience().kind();
                rule.audienceValue = doc.audience().value();
                rule.templateId = doc.templateId();
                rule.includeAliases = Boolean.TRUE.equals(doc.includeAliases());
                rule.includeExternalSendAs = Boolean.TRUE.equals(doc.includeExternalSendAs());
                rules.persist(rule);
              }
              rerenders.tenant(tenantId, RenderCause.RULE);
            });
    return request;
  }

  /** Checks an audience document; shared by rules and campaigns. */
  static Audience audience(RenderApi.AudienceDoc doc, String field) {
    if (doc == null || doc.kind() == null) {
      throw Problem.invalid(field, "an audience needs a kind: USER, GROUP, ORG_UNIT or EVERYONE");
    }
    try {
      return new Audience(Audience.Kind.valueOf(doc.kind()), doc.value());
    } catch (IllegalArgumentException e) {
      throw Problem.invalid(
          field, "kind is USER, GROUP, ORG_UNIT or EVERYONE, with a value unless EVERYONE");
    }
  }
}
