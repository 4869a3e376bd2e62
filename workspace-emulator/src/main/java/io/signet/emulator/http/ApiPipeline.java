package io.signet.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.signet.emulator.state.AccessToken;
import io.signet.emulator.state.WorkspaceState;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * The steps every Google API call goes through, in Google's order: the bearer token and its scopes,
 * injected faults, quota, the operation itself; then the answer, after the injected latency, as
 * JSON or in Google's error envelope.
 */
final class ApiPipeline {

  /** The routing context's key for the user a call acts as, for the injected-latency log. */
  static final String SUBJECT = "emulator.subject";

  private static final String JSON = "application/json; charset=UTF-8";
  private static final String REALM = "Bearer realm=\"https://accounts.google.com/\"";

  private final Vertx vertx;
  private final WorkspaceState state;
  private final Faults faults;
  private final Quotas quotas;
  private final Stats stats;
  private final InjectedLatencyLog injected;

  ApiPipeline(
      Vertx vertx,
      WorkspaceState state,
      Faults faults,
      Quotas quotas,
      Stats stats,
      InjectedLatencyLog injected) {
    this.vertx = vertx;
    this.injected = injected;
    this.state = state;
    this.faults = faults;
    this.quotas = quotas;
    this.stats = stats;
  }

  /** An operation's work once the caller is authorised: returns the JSON to answer 200 with. */
  @FunctionalInterface
  interface Operator {
    JsonNode apply(RoutingContext context, AccessToken token);
  }

  /**
   * The handler of an operation.
   *
   * @param acceptedScopes any one of them authorises the call
   */
  Handler<RoutingContext> handler(
      Operation operation, Set<String> acceptedScopes, Operator operator) {
    return context -> {
      long started = System.nanoTime();
      int status = 200;
      Buffer body;
      String contentType = JSON;
      String wwwAuthenticate = null;
      try {
        AccessToken token = authorise(context, acceptedScopes);
        context.put(SUBJECT, token.subjectEmail());
        faults.check(operation);
        quotas.charge(operation, token);
        JsonNode result = operator.apply(context, token);
        if (result == null) {
          status = 204;
          body = Buffer.buffer();
        } else {
          body = Json.buffer(result);
        }
      } catch (NonJsonAnswer e) {
        status = e.status();
        body = Buffer.buffer(e.body());
        contentType = e.contentType();
      } catch (ApiException e) {
        status = e.status();
        body = Json.buffer(GoogleErrorBodies.envelope(e));
        wwwAuthenticate = e.wwwAuthenticate();
      }
      stats.record(operation, status);
      answerLater(context, operation, status, body, contentType, wwwAuthenticate, started);
    };
  }

  /** Sends the JSON answer once the operation's injected latency has passed. */
  void answerLater(
      RoutingContext context,
      Operation operation,
      int status,
      Buffer body,
      String wwwAuthenticate,
      long startedNanos) {
    answerLater(context, operation, status, body, JSON, wwwAuthenticate, startedNanos);
  }

  /** Sends the answer, of this content type, once the operation's injected latency has passed. */
  void answerLater(
      RoutingContext context,
      Operation operation,
      int status,
      Buffer body,
      String contentType,
      String wwwAuthenticate,
      long startedNanos) {
    long delayMillis =
        faults.latencyMillis(operation) - (System.nanoTime() - startedNanos) / 1_000_000;
    Runnable send = () -> send(context.response(), status, body, contentType, wwwAuthenticate);
    if (delayMillis <= 0) {
      send.run();
    } else {
      injected.add(
          new InjectedLatencyLog.Entry(
              state.clock().instant().minusMillis((System.nanoTime() - startedNanos) / 1_000_000),
              operation.apiName(),
              context.request().uri(),
              context.get(SUBJECT),
              delayMillis));
      vertx.setTimer(delayMillis, id -> send.run());
    }
  }

  private static void send(
      HttpServerResponse response, int status, Buffer body, String contentType, String auth) {
    if (response.closed()) {
      return;
    }
    response.setStatusCode(status);
    if (auth != null) {
      response.putHeader("WWW-Authenticate", auth);
    }
    if (status == 204) {
      response.end();
    } else {
      response.putHeader("Content-Type", contentType).end(body);
    }
  }

  private AccessToken authorise(RoutingContext context, Set<String> acceptedScopes) {
    String header = context.request().getHeader("Authorization");
    String value =
        header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
            ? header.substring(7).trim()
            : null;
    AccessToken token = value == null ? null : state.token(value).orElse(null);
    if (token == null || token.expiredAt(state.clock().instant())) {
      throw new ApiException(
          401, "authError", "Invalid Credentials", "global", REALM + ", error=\"invalid_token\"");
    }
    if (acceptedScopes.stream().noneMatch(token.scopes()::contains)) {
      throw new ApiException(
          403,
          "insufficientPermissions",
          "Request had insufficient authentication scopes.",
          "global",
          REALM
              + ", error=\"insufficient_scope\", scope=\""
              + String.join(" ", acceptedScopes)
              + "\"");
    }
    return token;
  }
}
