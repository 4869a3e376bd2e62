package io.signet.directory.rest;

import io.signet.directory.repository.WatchChannelEntity;
import io.signet.directory.service.TenantDirectory;
import io.signet.directory.service.WatchChannels;
import io.signet.support.Caller;
import io.signet.support.Problem;
import io.signet.support.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Whether Google tells this service about a tenant's directory changes as they happen. */
@Path("/api/v1/tenants/{tenantId}/directory/watch")
@Tag(name = "directory syncs")
@RolesAllowed({Roles.OPERATOR, Roles.TENANT})
public class WatchResource {

  private final TenantDirectory tenants;
  private final WatchChannels channels;
  private final Caller caller;

  public WatchResource(TenantDirectory tenants, WatchChannels channels, Caller caller) {
    this.tenants = tenants;
    this.channels = channels;
    this.caller = caller;
  }

  /**
   * @param enabled whether a public webhook address is configured at all
   * @param open whether the tenant has a channel that has not expired
   * @param address where Google posts notifications
   * @param channelId the users.watch channel, null before one is opened
   * @param expiresAt when the channel expires (it is renewed before), null before one is opened
   * @param openedAt when the channel was opened
   * @param refusal the last users.watch refusal, null once a channel opened after it
   */
  public record WatchView(
      String tenantId,
      boolean enabled,
      boolean open,
      String address,
      String channelId,
      Instant expiresAt,
      Instant openedAt,
      RefusalView refusal) {}

  /**
   * Google refused the tenant's users.watch.
   *
   * @param reason Google's reason, e.g. {@code push.webhookUrlNotHttps}
   * @param message what Google said
   * @param failures refusals in a row; the wait before the next try doubles with each
   * @param nextAttemptAt when users.watch is tried again
   */
  public record RefusalView(
      String reason, String message, int failures, Instant lastAttemptAt, Instant nextAttemptAt) {}

  @GET
  @Operation(summary = "The tenant's directory watch channel: are changes pushed to Signet?")
  public WatchView get(@PathParam("tenantId") String tenantId) {
    caller.requireTenant(tenantId);
    if (tenants.find(tenantId).isEmpty()) {
      throw Problem.notFound("no tenant " + tenantId + " here");
    }
    Optional<WatchChannelEntity> channel = channels.channel(tenantId);
    return new WatchView(
        tenantId,
        channels.enabled(),
        channel.map(c -> c.expiration.isAfter(Instant.now())).orElse(false),
        channels.address().orElse(null),
        channel.map(c -> c.channelId).orElse(null),
        channel.map(c -> c.expiration).orElse(null),
        channel.map(c -> c.openedAt).orElse(null),
        channels
            .refusal(tenantId)
            .map(
                r ->
                    new RefusalView(
                        r.reason, r.message, r.failures, r.lastAttemptAt, r.nextAttemptAt))
            .orElse(null));
  }
}
