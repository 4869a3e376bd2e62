package io.signet.push.rest;

import io.signet.events.SendAsSnapshot;
import io.signet.push.repository.PushHistoryRepository;
import io.signet.push.repository.PushHistoryRepository.Outcome;
import io.signet.push.repository.PushStatusRepository;
import io.signet.push.repository.PushStatusRepository.Target;
import io.signet.push.repository.PushTenantRepository;
import io.signet.push.repository.PushUserRepository;
import io.signet.push.service.TenantPushes;
import io.signet.support.Caller;
import io.signet.support.Problem;
import io.signet.support.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What Gmail holds for a tenant's users, why not where it failed, and how to push again. */
@Path("/api/v1/tenants/{tenantId}/push")
@Tag(name = "push")
@RolesAllowed({Roles.OPERATOR, Roles.TENANT})
public class PushStatusResource {

  private static final int MAX_LIMIT = 500;

  private final PushStatusRepository status;
  private final PushTenantRepository tenants;
  private final PushHistoryRepository history;
  private final PushUserRepository users;
  private final TenantPushes pushes;
  private final Caller caller;

  public PushStatusResource(
      PushStatusRepository status,
      PushTenantRepository tenants,
      PushHistoryRepository history,
      PushUserRepository users,
      TenantPushes pushes,
      Caller caller) {
    this.status = status;
    this.tenants = tenants;
    this.history = history;
    this.users = users;
    this.pushes = pushes;
    this.caller = caller;
  }

  /**
   * A tenant's push status.
   *
   * @param tenantStatus the tenant's status as push-service last heard it, or null if never
   * @param pausedReason why pushes to an active tenant are paused here, or null
   * @param counts sendAs addresses per state
   * @param oldestWaitingSince when the oldest signature not yet in Gmail arrived, or null
   */
  public record TenantStatusView(
      String tenantId,
      String tenantStatus,
      String pausedReason,
      Map<String, Long> counts,
      Instant oldestWaitingSince,
      List<Target> recentFailures) {}

  /**
   * A user's addresses and latest outcomes, newest first.
   *
   * @param gmailSendAs the user's sendAs entries as Gmail last listed them (null before the first
   *     read): only these can take a signature
   * @param sendAsListedAt when Gmail answered that list
   * @param aliasesWithoutSendAs Directory aliases the user's rule would sign that Gmail has no
   *     sendAs for: they receive mail, but the user cannot send as them, so they get no signature
   */
  public record UserStatusView(
      String userId,
      List<Target> targets,
      List<Outcome> history,
      List<SendAsSnapshot.Address> gmailSendAs,
      Instant sendAsListedAt,
      List<String> aliasesWithoutSendAs) {}

  /**
   * @param userId the user whose failures to retry; absent for every failure of the tenant
   */
  public record RetryRequest(String userId) {}

  @GET
  @Operation(summary = "Counts by state, the oldest waiting signature and recent failures")
  public TenantStatusView tenant(
      @PathParam("tenantId") String tenantId,
      @QueryParam("failures") @DefaultValue("20") int failures) {
    caller.requireTenant(tenantId);
    var tenant = tenants.find(tenantId);
    return new TenantStatusView(
        tenantId,
        tenant.map(PushTenantRepository.PushTenant::status).orElse(null),
        tenant.map(PushTenantRepository.PushTenant::pausedReason).orElse(null),
        status.counts(tenantId),
        status.oldestWaiting(tenantId),
        status.recentFailures(tenantId, limit("failures", failures)));
  }

  @GET
  @Path("/users/{userId}")
  @Operation(summary = "A user's sendAs addresses, their state and the push history")
  public UserStatusView user(
      @PathParam("tenantId") String tenantId,
      @PathParam("userId") String userId,
      @QueryParam("history") @DefaultValue("50") int historyLimit) {
    caller.requireTenant(tenantId);
    List<Target> targets = status.ofUser(tenantId, userId);
    List<Outcome> outcomes = history.ofUser(tenantId, userId, limit("history", historyLimit));
    var user = users.find(tenantId, userId);
    if (targets.isEmpty() && outcomes.isEmpty() && user.isEmpty()) {
      throw Problem.notFound("no signature of user " + userId + " in tenant " + tenantId);
    }
    return new UserStatusView(
        userId,
        targets,
        outcomes,
        user.map(PushUserRepository.PushUser::sendAs).orElse(null),
        user.map(PushUserRepository.PushUser::listedAt).orElse(null),
        user.map(PushUserRepository.PushUser::aliasesWithoutSendAs).orElse(List.of()));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON) // the body is optional, but JSON when present
  @Path("/retries")
  @Operation(
      summary =
          "Push FAILED signatures again (the tenant's, or one user's); resumes a paused tenant")
  public Response retry(@PathParam("tenantId") String tenantId, RetryRequest request) {
    caller.requireTenant(tenantId);
    String userId = request == null ? null : request.userId();
    if (userId != null && userId.isBlank()) {
      throw Problem.invalid("userId", "userId is a user's id, or absent for the whole tenant");
    }
    return Response.accepted(Map.of("queued", pushes.retry(tenantId, userId))).build();
  }

  @POST
  @Path("/users/{userId}/force")
  @Operation(summary = "Push a user's signatures again now, even where Gmail holds them")
  public Response force(
      @PathParam("tenantId") String tenantId, @PathParam("userId") String userId) {
    caller.requireTenant(tenantId);
    int queued = pushes.force(tenantId, userId);
    if (queued == 0) {
      throw Problem.notFound("no signature of user " + userId + " in tenant " + tenantId);
    }
    return Response.accepted(Map.of("queued", queued)).build();
  }

  private static int limit(String name, int value) {
    if (value < 1 || value > MAX_LIMIT) {
      throw Problem.invalid(name, name + " is between 1 and " + MAX_LIMIT);
    }
    return value;
  }
}
