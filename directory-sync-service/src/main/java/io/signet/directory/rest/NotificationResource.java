package io.signet.directory.rest;

import io.signet.directory.service.DirectoryMetrics;
import io.signet.directory.service.SyncCoordinator;
import io.signet.directory.service.WatchChannels;
import io.signet.support.Problem;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Google's Directory push notifications. Authenticated by the channel's own token: a wrong one is
 * refused before anything else happens, and causes no Google call.
 */
@Path(WatchChannels.NOTIFICATION_PATH)
@Tag(name = "notifications")
@PermitAll
public class NotificationResource {

  private final WatchChannels channels;
  private final SyncCoordinator coordinator;
  private final DirectoryMetrics metrics;

  public NotificationResource(
      WatchChannels channels, SyncCoordinator coordinator, DirectoryMetrics metrics) {
    this.channels = channels;
    this.coordinator = coordinator;
    this.metrics = metrics;
  }

  @POST
  @Operation(summary = "Receives users.watch notifications from Google")
  public Response notify(
      @HeaderParam("X-Goog-Channel-ID") String channelId,
      @HeaderParam("X-Goog-Channel-Token") String token,
      @HeaderParam("X-Goog-Resource-State") String state,
      Map<String, Object> body) {
    String tenantId =
        channels
            .authenticate(channelId, token)
            .orElseThrow(
                () -> {
                  metrics.notification("rejected");
                  return Problem.forbidden("unknown channel or wrong channel token");
                });
    metrics.notification("accepted");
    Object userId = body == null ? null : body.get("id");
    if ("sync".equals(state) || userId == null) {
      return Response.ok().build();
    }
    if ("delete".equals(state)) {
      coordinator.deleteUser(tenantId, userId.toString());
    } else {
      coordinator.syncUser(tenantId, userId.toString());
    }
    return Response.ok().build();
  }
}
