package io.signet.render.rest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.signet.events.RenderCause;
import io.signet.render.repository.Repositories;
import io.signet.render.repository.TemplateEntity;
import io.signet.render.repository.TemplateVersionEntity;
import io.signet.render.service.RenderSlots;
import io.signet.render.service.Rerenders;
import io.signet.render.service.TemplateError;
import io.signet.render.service.TemplateLimits;
import io.signet.render.service.TemplateProbe;
import io.signet.support.Caller;
import io.signet.support.Problem;
import io.signet.support.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Versioned signature templates: an edit makes a new version; old versions stay readable. */
@Path("/api/v1/tenants/{tenantId}/templates")
@Tag(name = "templates")
@RolesAllowed({Roles.OPERATOR, Roles.TENANT})
public class TemplateResource {

  private final Repositories.Templates templates;
  private final Repositories.TemplateVersions versions;
  private final Rerenders rerenders;
  private final TemplateProbe probe;
  private final RenderSlots slots;
  private final Caller caller;

  public TemplateResource(
      Repositories.Templates templates,
      Repositories.TemplateVersions versions,
      Rerenders rerenders,
      TemplateProbe probe,
      RenderSlots slots,
      Caller caller) {
    this.templates = templates;
    this.versions = versions;
    this.rerenders = rerenders;
    this.probe = probe;
    this.slots = slots;
    this.caller = caller;
  }

  @POST
  @Operation(
      summary =
          "Create a template (version 1); a syntax error, a section not allowed or a limit is a 400"
              + " with line and column; a template that fails for one of the tenant's users a 422")
  public Response create(@PathParam("tenantId") String tenantId, RenderApi.NewTemplate request) {
    caller.requireTenant(tenantId);
    if (request == null
        || request.name() == null
        || request.name().isBlank()
        || request.name().length() > 200) {
      throw Problem.invalid("name", "name is required, at most 200 characters");
    }
    List<String> warnings = check(tenantId, request.source());
    String id = "tpl-" + UUID.randomUUID().toString().substring(0, 8);
    TemplateVersionEntity version =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  TemplateEntity template = new TemplateEntity();
                  template.id = id;
                  template.tenantId = tenantId;
                  template.name = request.name().strip();
                  template.createdAt = Instant.now();
                  templates.persist(template);
                  return addVersion(id, 1, request.source());
                });
    return Response.created(URI.create("/api/v1/tenants/" + tenantId + "/templates/" + id))
        .entity(view(request.name().strip(), version, warnings))
        .build();
  }

  @PUT
  @Path("/{templateId}")
  @Operation(summary = "Edit a template: a new version; the affected users are re-rendered")
  public RenderApi.TemplateView edit(
      @PathParam("tenantId") String tenantId,
      @PathParam("templateId") String templateId,
      RenderApi.TemplateEdit request) {
    caller.requireTenant(tenantId);
    TemplateEntity template = owned(tenantId, templateId);
    List<String> warnings = check(tenantId, request == null ? null : request.source());
    TemplateVersionEntity version =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  TemplateVersionEntity added =
                      addVersion(
                          templateId,
                          versions.latest(templateId).map(v -> v.key.version() + 1).orElse(1),
                          request.source());
                  rerenders.tenant(tenantId, RenderCause.TEMPLATE);
                  return added;
                });
    return view(template.name, version, warnings);
  }

  @GET
  @Operation(summary = "The tenant's templates, each at its latest version")
  public List<RenderApi.TemplateView> list(@PathParam("tenantId") String tenantId) {
    caller.requireTenant(tenantId);
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                templates.ofTenant(tenantId).stream()
                    .map(t -> view(t.name, versions.latest(t.id).orElseThrow(), null))
                    .toList());
  }

  @GET
  @Path("/{templateId}/versions")
  @Operation(summary = "Every version of a template, oldest first")
  public List<RenderApi.TemplateView> history(
      @PathParam("tenantId") String tenantId, @PathParam("templateId") String templateId) {
    caller.requireTenant(tenantId);
    TemplateEntity template = owned(tenantId, templateId);
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                versions.all(templateId).stream().map(v -> view(template.name, v, null)).toList());
  }

  @GET
  @Path("/{templateId}/versions/{version}")
  @Operation(summary = "One version of a template")
  public RenderApi.TemplateView version(
      @PathParam("tenantId") String tenantId,
      @PathParam("templateId") String templateId,
      @PathParam("version") int version) {
    caller.requireTenant(tenantId);
    TemplateEntity template = owned(tenantId, templateId);
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                versions
                    .findByIdOptional(new TemplateVersionEntity.Key(templateId, version))
                    .map(v -> view(template.name, v, null))
                    .orElseThrow(
                        () -> Problem.notFound("no version " + version + " of " + templateId)));
  }

  private TemplateEntity owned(String tenantId, String templateId) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                templates
                    .findByIdOptional(templateId)
                    .filter(t -> t.tenantId.equals(tenantId))
                    .orElseThrow(() -> Problem.notFound("no template " + templateId)));
  }

  /** The save-time check: the template compiles and renders for the tenant's worst users. */
  private List<String> check(String tenantId, String source) {
    if (source == null || source.isBlank()) {
      throw Problem.invalid("source", "source is required");
    }
    if (source.length() > TemplateLimits.SOURCE) {
      throw Problem.invalid(
          "source", "source is longer than " + TemplateLimits.SOURCE + " characters");
    }
    try {
      return slots.run(tenantId, () -> probe.check(tenantId, source));
    } catch (TemplateError e) {
      throw TemplateProblems.refused(e);
    } catch (TemplateProbe.Failure e) {
      throw TemplateProblems.failed(e);
    }
  }

  private TemplateVersionEntity addVersion(String templateId, int number, String source) {
    TemplateVersionEntity version = new TemplateVersionEntity();
    version.key = new TemplateVersionEntity.Key(templateId, number);
    version.source = source;
    version.createdAt = Instant.now();
    versions.persist(version);
    return version;
  }

  private static RenderApi.TemplateView view(
      String name, TemplateVersionEntity version, List<String> warnings) {
    return new RenderApi.TemplateView(
        version.key.templateId(),
        name,
        version.key.version(),
        version.source,
        version.createdAt,
        warnings);
  }
}
