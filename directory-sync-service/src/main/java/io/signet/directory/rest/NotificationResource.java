package io.signet.directory.rest;

import io.signet.directory.service.DirectoryMetrics;
import io.signet.directory.service.NotificationQueue;
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
 * refused before anything else happens, and causes no Google call. An accepted one is recorded
 * before Google gets its 200 ({@link NotificationQueue}).
 */
@Path(WatchChannels.NOTIFICATION_PATH)
@Tag(name = "notifications")
@PermitAll
public class NotificationResource {

  private final WatchChannels channels;
  private final NotificationQueue notifications;
  private final DirectoryMetrics metrics;

  public NotificationResource(
      WatchChannels channels, NotificationQueue notifications, DirectoryMetrics metrics) {
    this.channels = channels;
    this.notifications = notifications;
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
    notifications.record(tenantId, userId.toString(), "delete".equals(state));
    return Response.ok().build();
  }
}
