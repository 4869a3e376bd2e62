package io.signet.directory.rest;

import io.signet.directory.repository.SyncRunEntity;
import io.signet.directory.service.HeldSyncs;
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

/**
 * Full syncs of a tenant's directory: start one, follow its progress, see recent ones, and (an
 * operator) confirm one that was held.
 */
@Path("/api/v1/tenants/{tenantId}/directory/syncs")
@Tag(name = "directory syncs")
@RolesAllowed({Roles.OPERATOR, Roles.TENANT})
public class SyncResource {

  private final SyncCoordinator coordinator;
  private final SyncRuns runs;
  private final HeldSyncs held;
  private final Caller caller;

  public SyncResource(SyncCoordinator coordinator, SyncRuns runs, HeldSyncs held, Caller caller) {
    this.coordinator = coordinator;
    this.runs = runs;
    this.held = held;
    this.caller = caller;
  }

  /**
   * A sync run as the API shows it.
   *
   * @param state QUEUED, RUNNING, SUCCEEDED, FAILED, HELD (nothing tombstoned: see heldReason),
   *     CONFIRMED (held, then confirmed: its tombstones were emitted) or SUPERSEDED (held, then
   *     replaced by a later run, resolvedBy)
   * @param heldDeletions the tombstones a held run did not emit
   * @param knownUsers the tenant's users Signet knew when the run started
   */
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
      String failureReason,
      String heldReason,
      int heldDeletions,
      int knownUsers,
      Instant resolvedAt,
      String resolvedBy) {

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
          run.failureReason,
          run.heldReason,
          run.heldDeletions,
          run.knownUsers,
          run.resolvedAt,
          run.resolvedBy);
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

  @POST
  @Path("/{runId}/confirm")
  @RolesAllowed(Roles.OPERATOR)
  @Operation(
      summary =
          "Confirm a HELD run: emit the tombstones it held (of users still in the directory"
              + " Signet knows); 409 unless the run is HELD and no sync of the tenant is running")
  public SyncRunView confirm(
      @PathParam("tenantId") String tenantId, @PathParam("runId") UUID runId) {
    return SyncRunView.of(held.confirm(tenantId, runId));
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
