package io.signet.emulator.http;

import io.signet.emulator.state.WorkspaceState;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

/**
 * The emulator's HTTP server: Google's token endpoint, Gmail and Directory APIs and the admin API
 * on one Vert.x router. Accepts what the official clients send: gzip request bodies, {@code
 * X-HTTP-Method-Override} (PATCH as POST, and long GETs as POST with a form body).
 */
public final class EmulatorServer implements EmulatorControls, AutoCloseable {

  /** Largest request body accepted, in bytes. */
  static final long MAX_BODY_BYTES = 1024 * 1024;

  private final Vertx vertx;
  private final HttpServer server;
  private final WorkspaceState state;
  private final Faults faults = new Faults();
  private final InjectedLatencyLog injected = new InjectedLatencyLog();
  private final Stats stats = new Stats();
  private final Quotas quotas;
  private final WatchChannels channels;
  private final RequestBodies bodies = new RequestBodies(MAX_BODY_BYTES);
  private final LongAdder methodOverrides = new LongAdder();
  private TokenEndpoint tokenEndpoint;

  private EmulatorServer(Vertx vertx, WorkspaceState state) {
    this.vertx = vertx;
    this.state = state;
    this.quotas =
        new Quotas(QuotaSettings.GOOGLE, state.clock(), System::nanoTime, state.troubles());
    this.channels = new WatchChannels(vertx, state.clock());
    state.onUserEvent(channels::publish);
    this.server =
        vertx.createHttpServer(
            new HttpServerOptions()
                .setDecompressionSupported(false)
                .setCompressionSupported(false));
  }

  public static EmulatorServer start(WorkspaceState state, String host, int port) {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    EmulatorServer emulator = new EmulatorServer(vertx, state);
    try {
      emulator
          .server
          .requestHandler(emulator.router(host))
          .listen(port, host)
          .toCompletionStage()
          .toCompletableFuture()
          .get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the emulator", e);
    } catch (ExecutionException | TimeoutException e) {
      vertx.close();
      throw new IllegalStateException(
          "the workspace emulator cannot listen on " + host + ":" + port + ": " + e.getCause(), e);
    }
    return emulator;
  }

  public int port() {
    return server.actualPort();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port() + "/";
  }

  private Router router(String host) {
    Router router = Router.router(vertx);
    router.route().handler(bodies::read);
    router.post().handler(this::methodOverride);
    ApiPipeline pipeline = new ApiPipeline(vertx, state, faults, quotas, stats, injected);
    tokenEndpoint = new TokenEndpoint(state, faults, stats, pipeline);
    router.post("/token").handler(tokenEndpoint::handle);
    new GmailApi(state).register(router, pipeline);
    new DirectoryApi(state, channels, faults).register(router, pipeline);
    new AdminApi(state, this, () -> baseUrlFor(host) + "token").register(router);
    router.route().last().handler(context -> notFound(context));
    router.errorHandler(
        413,
        context ->
            adminError(context, 413, "request body larger than " + MAX_BODY_BYTES + " bytes"));
    router.errorHandler(
        500, context -> adminError(context, 500, String.valueOf(context.failure())));
    return router;
  }

  private String baseUrlFor(String host) {
    return "http://" + ("0.0.0.0".equals(host) ? "127.0.0.1" : host) + ":" + port() + "/";
  }

  /** The official clients send PATCH, and GETs with long URLs, as POST with an override. */
  private void methodOverride(RoutingContext context) {
    String override = context.request().getHeader("X-HTTP-Method-Override");
    if (override == null) {
      context.next();
      return;
    }
    methodOverrides.increment();
    if ("PATCH".equalsIgnoreCase(override) || "PUT".equalsIgnoreCase(override)) {
      context.reroute(HttpMethod.valueOf(override.toUpperCase()), context.request().uri());
    } else if ("GET".equalsIgnoreCase(override)) {
      String form = RequestBodies.of(context).toString();
      String uri = context.request().path() + (form == null || form.isEmpty() ? "" : "?" + form);
      context.reroute(HttpMethod.GET, uri);
    } else {
      context.next();
    }
  }

  private static void notFound(RoutingContext context) {
    if (context.request().path().startsWith(AdminApi.BASE)) {
      adminError(
          context,
          404,
          "no such admin resource: " + context.request().method() + " " + context.request().path());
    } else {
      ApiException e = ApiException.notFound(context.request().path());
      context
          .response()
          .setStatusCode(404)
          .putHeader("Content-Type", "application/json; charset=UTF-8")
          .end(Json.buffer(GoogleErrorBodies.envelope(e)));
    }
  }

  private static void adminError(RoutingContext context, int status, String message) {
    if (!context.response().ended()) {
      context
          .response()
          .setStatusCode(status)
          .putHeader("Content-Type", "application/json; charset=UTF-8")
          .end(Json.buffer(AdminApi.error(status, message).body()));
    }
  }

  // ---------------------------------------------------------------- controls

  @Override
  public Map<String, Object> stats() {
    Map<String, Object> snapshot = new LinkedHashMap<>();
    snapshot.put("users", state.userCount());
    snapshot.put("writes", state.writeCount());
    snapshot.put("operations", stats.snapshot());
    snapshot.put("watchNotifications", channels.counts());
    snapshot.put(
        "wire",
        Map.of("gzipBodies", bodies.gzipBodies.sum(), "methodOverrides", methodOverrides.sum()));
    return snapshot;
  }

  @Override
  public QuotaSettings quotas() {
    return quotas.settings();
  }

  @Override
  public void configureQuotas(QuotaSettings settings) {
    quotas.configure(settings);
  }

  @Override
  public void setFaults(FaultRequests.FaultsRequest request) {
    List<FaultRequests.LatencyRequest> latency =
        request.latency() == null ? List.of() : request.latency();
    List<FaultRequests.ErrorRateRequest> rates =
        request.errorRates() == null ? List.of() : request.errorRates();
    Map<Operation, Faults.Latency> newLatency = new LinkedHashMap<>();
    for (FaultRequests.LatencyRequest item : latency) {
      newLatency.put(
          Operation.ofApiName(item.operation()),
          new Faults.Latency(item.minMillis(), item.maxMillis()));
    }
    Map<Operation, List<Faults.ErrorRate>> newRates = new LinkedHashMap<>();
    for (FaultRequests.ErrorRateRequest item : rates) {
      newRates
          .computeIfAbsent(Operation.ofApiName(item.operation()), op -> new java.util.ArrayList<>())
          .add(
              new Faults.ErrorRate(
                  item.status(),
                  item.reason(),
                  item.rate(),
                  NonJsonAnswer.Format.of(item.format())));
    }
    for (var entry : newRates.entrySet()) {
      double total = entry.getValue().stream().mapToDouble(Faults.ErrorRate::rate).sum();
      if (total > 1) {
        throw new IllegalArgumentException(
            "error rates of " + entry.getKey().apiName() + " add up to more than 1");
      }
    }
    faults.clear();
    newLatency.forEach(faults::setLatency);
    newRates.forEach(faults::setErrorRates);
  }

  @Override
  public void failNext(FaultRequests.NextFailureRequest request) {
    if (!"*".equals(request.operation())) {
      Operation.ofApiName(request.operation());
    }
    faults.failNext(
        new Faults.NextFailure(
            request.operation(),
            request.count(),
            request.status(),
            request.reason(),
            request.after() == null ? 0 : request.after(),
            NonJsonAnswer.Format.of(request.format())));
  }

  @Override
  public void setTokenClockOffset(Duration offset) {
    tokenEndpoint.setClockOffset(offset);
  }

  @Override
  public void missingUsers(FaultRequests.MissingUsersRequest request) {
    faults.missingUsers(request.count(), request.after() == null ? 0 : request.after());
  }

  @Override
  public void clearFaults() {
    faults.clear();
    injected.clear();
  }

  @Override
  public List<InjectedLatencyLog.Entry> injectedLatency(
      java.time.Instant after, String operation, int limit) {
    if (operation != null) {
      Operation.ofApiName(operation);
    }
    return injected.since(after, operation, limit);
  }

  @Override
  public void setTokenLifetime(Duration lifetime) {
    tokenEndpoint.setTokenLifetime(lifetime);
  }

  @Override
  public WatchSettings watchSettings() {
    return channels.settings();
  }

  @Override
  public void configureWatch(WatchSettings settings) {
    channels.configure(settings);
  }

  @Override
  public void allowHttpWebhooks(boolean allow) {
    channels.allowHttp(allow);
  }

  @Override
  public void reset() {
    state.reset();
    channels.clear();
    faults.clear();
    injected.clear();
    stats.reset();
    bodies.gzipBodies.reset();
    methodOverrides.reset();
    quotas.configure(QuotaSettings.GOOGLE);
    tokenEndpoint.setTokenLifetime(Duration.ofSeconds(3599));
    tokenEndpoint.setClockOffset(Duration.ZERO);
  }

  @Override
  public void close() {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // closing anyway
    }
  }
}
