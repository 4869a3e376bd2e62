package io.signet.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.signet.emulator.state.Customer;
import io.signet.emulator.state.UserEvent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Directory push notification channels: {@code users.watch} opens one, {@code channels.stop} closes
 * it, and every user change is POSTed to the channel's address with Google's {@code X-Goog-*}
 * headers — a {@code sync} message first, then the events in order. A 5xx or an unreachable address
 * is retried with exponential backoff, as Google does. Addresses must be https, as Google requires,
 * unless the emulator was started to accept {@code http://} ones (a local stack); a channel lives
 * at most {@link WatchSettings#GOOGLE}'s cap.
 */
final class WatchChannels {

  private static final int MAX_DELIVERY_ATTEMPTS = 6;
  private static final DateTimeFormatter RFC_1123 =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  private final Vertx vertx;
  private final WebClient client;
  private final Clock clock;
  private final Map<String, Channel> channels = new ConcurrentHashMap<>();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private volatile WatchSettings settings = WatchSettings.GOOGLE;
  private volatile boolean allowHttp;

  private record Channel(
      String id,
      String resourceId,
      String resourceUri,
      String address,
      String token,
      Instant expiration,
      String customerId,
      String domain,
      String event,
      AtomicLong messageNumber) {}

  WatchChannels(Vertx vertx, Clock clock) {
    this.vertx = vertx;
    this.client = WebClient.create(vertx);
    this.clock = clock;
  }

  /** Opens a channel and sends its {@code sync} message. */
  ObjectNode open(Customer customer, String domain, String event, JsonNode body, String uri) {
    String id = body.path("id").asText(null);
    String address = body.path("address").asText(null);
    if (id == null || id.isBlank() || address == null || !address.matches("https?://.+")) {
      throw ApiException.invalid("Invalid Input: a channel needs an id and an https address");
    }
    if (address.startsWith("http://") && !allowHttp) {
      throw new ApiException(
          400, "push.webhookUrlNotHttps", "WebHook callback must be HTTPS: " + address);
    }
    if (!"web_hook".equals(body.path("type").asText("web_hook"))) {
      throw ApiException.invalid("Invalid Input: type must be web_hook");
    }
    if (event != null && !event.matches("add|delete|makeAdmin|undelete|update")) {
      throw ApiException.invalid("Invalid value for: event");
    }
    if (channels.containsKey(id)) {
      throw new ApiException(400, "channelIdNotUnique", "Channel id not unique");
    }
    WatchSettings limits = settings;
    Instant now = clock.instant();
    long ttl = body.path("params").path("ttl").asLong(limits.defaultChannelSeconds());
    Instant asked =
        body.hasNonNull("expiration")
            ? Instant.ofEpochMilli(body.get("expiration").asLong())
            : now.plusSeconds(ttl);
    // Google grants at most its cap, silently: the answer's expiration is what counts
    Instant cap = now.plusSeconds(limits.maxChannelSeconds());
    Instant expiration = asked.isAfter(cap) ? cap : asked;
    Channel channel =
        new Channel(
            id,
            UUID.randomUUID().toString().replace("-", "").substring(0, 27),
            uri,
            address,
            body.path("token").asText(null),
            expiration,
            customer.id(),
            domain,
            event,
            new AtomicLong());
    channels.put(id, channel);
    deliver(channel, "sync", null);

    ObjectNode answer = JsonNodeFactory.instance.objectNode();
    answer.put("kind", "api#channel");
    answer.put("id", channel.id);
    answer.put("resourceId", channel.resourceId);
    answer.put("resourceUri", channel.resourceUri);
    if (channel.token != null) {
      answer.put("token", channel.token);
    }
    answer.put("expiration", String.valueOf(channel.expiration.toEpochMilli()));
    return answer;
  }

  void stop(String id, String resourceId) {
    Channel channel = id == null ? null : channels.get(id);
    if (channel == null || !channel.resourceId.equals(resourceId)) {
      throw ApiException.notFound("channel");
    }
    channels.remove(id);
  }

  /** Tells every open channel of the user's customer that watches this kind of event. */
  void publish(UserEvent event) {
    Instant now = clock.instant();
    channels.values().removeIf(channel -> channel.expiration.isBefore(now));
    for (Channel channel : channels.values()) {
      boolean watches =
          channel.customerId.equals(event.customerId())
              && (channel.event == null || channel.event.equals(event.kind().apiName()))
              && (channel.domain == null
                  || event.user().primaryEmail().endsWith("@" + channel.domain));
      if (watches) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("kind", "admin#directory#user");
        body.put("id", event.user().id());
        body.put("etag", event.user().etag());
        body.put("primaryEmail", event.user().primaryEmail());
        deliver(channel, event.kind().apiName(), body);
      }
    }
  }

  void clear() {
    channels.clear();
    settings = WatchSettings.GOOGLE;
  }

  WatchSettings settings() {
    return settings;
  }

  void configure(WatchSettings settings) {
    this.settings = settings;
  }

  /** Whether {@code http://} addresses are accepted: a start option, kept by a reset. */
  void allowHttp(boolean allow) {
    this.allowHttp = allow;
  }

  boolean allowsHttp() {
    return allowHttp;
  }

  Map<String, Long> counts() {
    return Map.of(
        "open", (long) channels.size(), "delivered", delivered.get(), "failed", failed.get());
  }

  private void deliver(Channel channel, String state, ObjectNode body) {
    long number = channel.messageNumber.incrementAndGet();
    long delay = settings.deliveryDelayMillis();
    if (delay > 0) {
      vertx.setTimer(delay, id -> attempt(channel, state, body, number, 1));
    } else {
      attempt(channel, state, body, number, 1);
    }
  }

  private void attempt(Channel channel, String state, ObjectNode body, long number, int attempt) {
    HttpRequest<Buffer> request =
        client
            .postAbs(channel.address)
            .timeout(10_000)
            .putHeader("X-Goog-Channel-ID", channel.id)
            .putHeader("X-Goog-Channel-Expiration", RFC_1123.format(channel.expiration))
            .putHeader("X-Goog-Resource-ID", channel.resourceId)
            .putHeader("X-Goog-Resource-URI", channel.resourceUri)
            .putHeader("X-Goog-Resource-State", state)
            .putHeader("X-Goog-Message-Number", String.valueOf(number));
    if (channel.token != null) {
      request.putHeader("X-Goog-Channel-Token", channel.token);
    }
    var response =
        body == null
            ? request.send()
            : request
                .putHeader("Content-Type", "application/json; charset=UTF-8")
                .sendBuffer(Json.buffer(body));
    response.onComplete(
        result -> {
          boolean retry = result.failed() || result.result().statusCode() >= 500;
          if (!retry) {
            delivered.incrementAndGet();
          } else if (attempt < MAX_DELIVERY_ATTEMPTS && channels.containsKey(channel.id)) {
            vertx.setTimer(
                250L << (attempt - 1), id -> attempt(channel, state, body, number, attempt + 1));
          } else {
            failed.incrementAndGet();
          }
        });
  }
}
