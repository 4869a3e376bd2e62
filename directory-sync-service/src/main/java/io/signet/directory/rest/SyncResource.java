package io.signet.directory.rest;

import io.signet.directory.repository.SyncRunEntity;
import io.signet.directory.service.SyncCoordinator;
import io.signet.directory.service.SyncRuns;
import io.signet.support.Caller;
import io.signet.support.Problem;
import io.signet.support.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Full syncs of a tenant's directory: start one, follow its progress, see recent ones. */
@Path("/api/v1/tenants/{tenantId}/directory/syncs")
@Tag(name = "directory syncs")
@RolesAllowed({Roles.OPERATOR, Roles.TENANT})
public class SyncResource {

  private final SyncCoordinator coordinator;
  private final SyncRuns runs;
  private final Caller caller;

  public SyncResource(SyncCoordinator coordinator, SyncRuns runs, Caller caller) {
    this.coordinator = coordinator;
    this.runs = runs;
    this.caller = caller;
  }

  /** A sync run as the API shows it. */
  public record SyncRunView(
      UUID id,
      String tenantId,
      String trigger,
      String state,
      Instant requestedAt,
      Instant startedAt,
      Instant finishedAt,
      int pagesRead,
      int usersRead,
      int emittedNew,
      int emittedChanged,
      int emittedDeleted,
      String failureReason) {

    static SyncRunView of(SyncRunEntity run) {
      return new SyncRunView(
          run.id,
          run.tenantId,
          run.trigger,
          run.state.name(),
          run.requestedAt,
          run.startedAt,
          run.finishedAt,
          run.pagesRead,
          run.usersRead,
          run.emittedNew,
          run.emittedChanged,
          run.emittedDeleted,
          run.failureReason);
    }
  }

  @POST
  @Operation(summary = "Start a full sync now (or get the one already queued or running)")
  public Response start(@PathParam("tenantId") String tenantId) {
    caller.requireTenant(tenantId);
    SyncRunEntity run = coordinator.requestFull(tenantId, "MANUAL");
    return Response.accepted(SyncRunView.of(run))
        .location(URI.create("/api/v1/tenants/" + tenantId + "/directory/syncs/" + run.id))
        .build();
  }

  @GET
  @Path("/{runId}")
  @Operation(summary = "A sync run's state and progress")
  public SyncRunView get(@PathParam("tenantId") String tenantId, @PathParam("runId") UUID runId) {
    caller.requireTenant(tenantId);
    return runs.find(tenantId, runId)
        .map(SyncRunView::of)
        .orElseThrow(() -> Problem.notFound("no sync run " + runId + " for tenant " + tenantId));
  }

  @GET
  @Operation(summary = "Recent sync runs, newest first")
  public List<SyncRunView> recent(
      @PathParam("tenantId") String tenantId, @QueryParam("limit") @DefaultValue("20") int limit) {
    caller.requireTenant(tenantId);
    if (limit < 1 || limit > 100) {
      throw Problem.invalid("limit", "limit is 1 to 100");
    }
    return runs.recent(tenantId, limit).stream().map(SyncRunView::of).toList();
  }
}
