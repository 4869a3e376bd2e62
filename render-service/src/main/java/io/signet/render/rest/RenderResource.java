package io.signet.render.rest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.signet.events.DirectoryUser;
import io.signet.events.EventJson;
import io.signet.events.RenderCause;
import io.signet.render.repository.DirectoryUserEntity;
import io.signet.render.repository.Repositories;
import io.signet.render.service.RenderPipeline;
import io.signet.render.service.Rerenders;
import io.signet.support.Caller;
import io.signet.support.Problem;
import io.signet.support.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * On-demand rendering: one user now, or the whole tenant in the background (cause MANUAL); and
 * where the tenant's latest background re-render stands.
 */
@Path("/api/v1/tenants/{tenantId}/renders")
@Tag(name = "renders")
@RolesAllowed({Roles.OPERATOR, Roles.TENANT})
public class RenderResource {

  private final Repositories.Users users;
  private final RenderPipeline pipeline;
  private final Rerenders rerenders;
  private final Caller caller;

  public RenderResource(
      Repositories.Users users, RenderPipeline pipeline, Rerenders rerenders, Caller caller) {
    this.users = users;
    this.pipeline = pipeline;
    this.rerenders = rerenders;
    this.caller = caller;
  }

  /**
   * @param userId the user to render now; absent to re-render every user in the background
   */
  record RenderRequest(String userId) {}

  @GET
  @Operation(summary = "The tenant's latest whole re-render: state, cause, progress")
  public RenderApi.RerenderStatus status(@PathParam("tenantId") String tenantId) {
    caller.requireTenant(tenantId);
    return rerenders
        .status(tenantId)
        .map(
            job ->
                new RenderApi.RerenderStatus(
                    job.state.name(),
                    job.cause.name(),
                    job.usersDone,
                    job.usersTotal,
                    job.requestedAt,
                    job.startedAt,
                    job.updatedAt,
                    job.finishedAt))
        .orElseThrow(() -> Problem.notFound("no re-render of tenant " + tenantId + " yet"));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON) // the body is optional, but JSON when present
  @Operation(
      summary = "Render a user now (answers how many signatures were emitted), or the tenant")
  public Response render(@PathParam("tenantId") String tenantId, RenderRequest request) {
    caller.requireTenant(tenantId);
    if (request == null || request.userId() == null) {
      QuarkusTransaction.requiringNew().run(() -> rerenders.tenant(tenantId, RenderCause.MANUAL));
      return Response.accepted(Map.of("scope", "tenant")).build();
    }
    DirectoryUser user =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    users
                        .findByIdOptional(new DirectoryUserEntity.Key(tenantId, request.userId()))
                        .map(row -> EventJson.read(row.payload, DirectoryUser.class))
                        .orElseThrow(() -> Problem.notFound("no user " + request.userId())));
    int emitted = pipeline.render(tenantId, List.of(user), RenderCause.MANUAL);
    return Response.ok(Map.of("scope", "user", "emitted", emitted)).build();
  }
}
