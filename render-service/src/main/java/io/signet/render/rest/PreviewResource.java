package io.signet.render.rest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.signet.events.DirectoryUser;
import io.signet.events.EventJson;
import io.signet.render.repository.DirectoryUserEntity;
import io.signet.render.repository.Repositories;
import io.signet.render.service.AssignmentRule;
import io.signet.render.service.Audience;
import io.signet.render.service.RenderModel;
import io.signet.render.service.RenderSlots;
import io.signet.render.service.SampleUser;
import io.signet.render.service.SendAsTargets;
import io.signet.render.service.SignatureRenderer;
import io.signet.render.service.SignatureTemplates;
import io.signet.render.service.TemplateError;
import io.signet.render.service.TemplateLimits;
import io.signet.render.service.TemplateProbe;
import io.signet.render.service.TenantRenderContext;
import io.signet.support.Caller;
import io.signet.support.Problem;
import io.signet.support.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What a user's signature would be, with warnings, without emitting anything. A tenant's previews
 * render one at a time ({@link RenderSlots}), each bounded like any render.
 */
@Path("/api/v1/tenants/{tenantId}/preview")
@Tag(name = "preview")
@RolesAllowed({Roles.OPERATOR, Roles.TENANT})
public class PreviewResource {

  private static final java.util.regex.Pattern INSECURE_IMAGE =
      java.util.regex.Pattern.compile(
          "<img[^>]*\\ssrc\\s*=\\s*[\"']?\\s*(http:|data:)",
          java.util.regex.Pattern.CASE_INSENSITIVE);

  private final Repositories.Users users;
  private final Repositories.SendAs sendAs;
  private final TenantRenderContext contexts;
  private final RenderSlots slots;
  private final Caller caller;

  public PreviewResource(
      Repositories.Users users,
      Repositories.SendAs sendAs,
      TenantRenderContext contexts,
      RenderSlots slots,
      Caller caller) {
    this.users = users;
    this.sendAs = sendAs;
    this.contexts = contexts;
    this.slots = slots;
    this.caller = caller;
  }

  @POST
  @Operation(
      summary =
          "Render a user's signature (with its rule's template, or a given source); a source that"
              + " does not compile is a 400, a template that fails for the user a 422")
  public RenderApi.Preview preview(
      @PathParam("tenantId") String tenantId, RenderApi.PreviewRequest request) {
    caller.requireTenant(tenantId);
    if (request == null || (request.userId() == null && request.source() == null)) {
      throw Problem.invalid("userId", "a userId, or a source to render for the sample user");
    }
    if (request.source() != null && request.source().length() > TemplateLimits.SOURCE) {
      throw Problem.invalid(
          "source", "source is longer than " + TemplateLimits.SOURCE + " characters");
    }
    DirectoryUser user =
        request.userId() == null
            ? SampleUser.of(tenantId)
            : QuarkusTransaction.requiringNew()
                .call(
                    () ->
                        users
                            .findByIdOptional(
                                new DirectoryUserEntity.Key(tenantId, request.userId()))
                            .map(row -> EventJson.read(row.payload, DirectoryUser.class))
                            .orElseThrow(() -> Problem.notFound("no user " + request.userId())));
    TenantRenderContext.Context context =
        contexts.load(tenantId).orElseThrow(() -> Problem.notFound("no tenant " + tenantId));
    // the addresses the user's rule signs, from the user's sendAs list in Gmail
    var gmail =
        request.userId() == null
            ? null
            : QuarkusTransaction.requiringNew()
                .call(() -> sendAs.of(tenantId, List.of(user.userId())).get(user.userId()));
    return slots.run(tenantId, () -> render(request, user, context, gmail));
  }

  private RenderApi.Preview render(
      RenderApi.PreviewRequest request,
      DirectoryUser user,
      TenantRenderContext.Context context,
      io.signet.events.SendAsSnapshot gmail) {
    AssignmentRule rule;
    SignatureTemplates.Compiled template;
    if (request.source() != null) {
      try {
        template = SignatureTemplates.compile(request.source());
      } catch (TemplateError e) {
        throw TemplateProblems.refused(e);
      }
      rule = new AssignmentRule(0, Audience.EVERYONE, "preview", false);
    } else {
      rule =
          AssignmentRule.choose(context.rules(), user)
              .orElseThrow(
                  () -> Problem.conflict("no-rule", "no rule chooses a template for this user"));
      template = context.templates().get(rule.templateId());
      if (template == null) {
        throw Problem.conflict(
            "no-template", "the template " + rule.templateId() + " of this user's rule is gone");
      }
    }
    SignatureRenderer.Result result =
        SignatureRenderer.render(
            user,
            SendAsTargets.of(user, rule, gmail, context.domains(), context.createAliasSendAs()),
            rule,
            template,
            context.tenant(),
            context.campaigns(),
            Instant.now());
    String field = request.source() == null ? null : "source";
    result.errors().stream()
        .filter(SignatureRenderer.TargetError::templateFailed)
        .findFirst()
        .ifPresent(
            e -> {
              throw TemplateProblems.failed(
                  TemplateProbe.describe(user) + ", address " + e.sendAsEmail(), e.reason(), field);
            });
    List<String> warnings = new ArrayList<>(template.warnings());
    if (user.title() == null
        && template.template().getExpressions().stream()
            .anyMatch(e -> e.toOriginalString().contains("user.title"))) {
      warnings.add("the template uses user.title, which is empty for this user");
    }
    if (INSECURE_IMAGE.matcher(unsanitised(template, user, context)).find()) {
      warnings.add("an image is not served over https (or is inline data): it is removed");
    }
    return new RenderApi.Preview(
        rule.templateId(),
        result.targets().stream()
            .map(t -> new RenderApi.PreviewTarget(t.sendAsEmail(), t.html(), t.html().length()))
            .toList(),
        result.errors().stream().map(e -> e.sendAsEmail() + ": " + e.reason()).toList(),
        warnings,
        result.aliasesWithoutSendAs());
  }

  /** The user's signature before sanitising, to see what the sanitiser removes. */
  private static String unsanitised(
      SignatureTemplates.Compiled template,
      DirectoryUser user,
      TenantRenderContext.Context context) {
    try {
      return template.render(
          RenderModel.of(
              user, user.primaryEmail(), user.name().fullName(), context.tenant(), null));
    } catch (TemplateError e) {
      return ""; // the same render just succeeded with the user's campaign: nothing to warn of
    }
  }
}
