package io.signet.tenant.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.signet.support.Problem;
import io.signet.support.ProblemMappers;
import io.signet.support.Roles;
import io.signet.tenant.config.BrokerConfig;
import io.signet.tenant.service.BrokerScopes;
import io.signet.tenant.service.TokenBroker;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * The internal token broker on its own port ({@code signet.broker.port}), never on the public API
 * port: Signet's services get Google tokens for (tenant, subject, scopes) with a service access
 * token, each only for the scopes it may have, without ever seeing a key. Errors are problem+json
 * like every API's.
 */
@ApplicationScoped
public class TokenBrokerServer {

  /** The one route. */
  public static final String PATH = "/internal/v1/tokens";

  private static final Logger LOG = Logger.getLogger(TokenBrokerServer.class);
  private static final int MAX_BODY = 64 * 1024;

  /** Service tokens are issued with the subject {@code service:<name of its key>}. */
  private static final String SERVICE_SUBJECT = "service:";

  private final BrokerConfig config;
  private final TokenBroker broker;
  private final BrokerScopes scopes;
  private final JWTParser tokens;
  private final ObjectMapper json;
  private final Vertx vertx;
  private volatile HttpServer server;

  public TokenBrokerServer(
      BrokerConfig config,
      TokenBroker broker,
      BrokerScopes scopes,
      JWTParser tokens,
      ObjectMapper json,
      Vertx vertx) {
    this.config = config;
    this.broker = broker;
    this.scopes = scopes;
    this.tokens = tokens;
    this.json = json;
    this.vertx = vertx;
  }

  void start(@Observes StartupEvent event) throws Exception {
    Router router = Router.router(vertx);
    router.post(PATH).handler(BodyHandler.create().setBodyLimit(MAX_BODY));
    router.post(PATH).blockingHandler(this::mint, false);
    router
        .route()
        .handler(
            context -> answer(context, Problem.notFound("the token broker has only POST " + PATH)));
    router.route().failureHandler(this::failed);
    server =
        vertx
            .createHttpServer()
            .requestHandler(router)
            .listen(config.port(), config.host())
            .toCompletionStage()
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
    LOG.infof("token broker listening on %s:%d", config.host(), server.actualPort());
  }

  void stop(@Observes ShutdownEvent event) {
    if (server != null) {
      server.close();
    }
  }

  /** The port it listens on (the configured one, or the one picked for 0). */
  public int port() {
    return server.actualPort();
  }

  private void mint(RoutingContext context) {
    try {
      String service = service(context.request().getHeader("Authorization"));
      Requests.BrokeredTokenRequest request = request(context);
      scopes.require(service, request.scopes());
      TokenBroker.Minted minted =
          broker.token(
              request.tenantId(), request.subject(), request.scopes(), request.rejectedToken());
      context
          .response()
          .putHeader("Content-Type", "application/json")
          .end(json.writeValueAsString(minted));
    } catch (Problem problem) {
      answer(context, problem);
    } catch (JsonProcessingException | RuntimeException e) {
      LOG.error("token broker: unexpected failure", e);
      answer(
          context,
          new Problem(
              500, "internal-error", "Internal error", "an unexpected error occurred", null));
    }
  }

  /** The calling service's key name, from a verified service access token. */
  private String service(String authorization) {
    if (authorization == null || !authorization.startsWith("Bearer ")) {
      throw Problem.unauthorized("a service access token is required");
    }
    JsonWebToken token;
    try {
      token = tokens.parse(authorization.substring("Bearer ".length()).trim());
    } catch (ParseException e) {
      throw Problem.unauthorized("the access token is not valid");
    }
    String subject = token.getSubject() == null ? "" : token.getSubject();
    if (!token.getGroups().contains(Roles.SERVICE) || !subject.startsWith(SERVICE_SUBJECT)) {
      throw Problem.forbidden("only Signet's services may get Google tokens");
    }
    return subject.substring(SERVICE_SUBJECT.length());
  }

  private Requests.BrokeredTokenRequest request(RoutingContext context) {
    Requests.BrokeredTokenRequest request;
    try {
      request =
          json.readValue(context.body().buffer().getBytes(), Requests.BrokeredTokenRequest.class);
    } catch (java.io.IOException | RuntimeException e) {
      throw Problem.invalid(null, "the body is not a token request {tenantId, subject, scopes}");
    }
    if (request == null || request.tenantId() == null || request.subject() == null) {
      throw Problem.invalid("tenantId", "tenantId, subject and scopes are required");
    }
    if (!request.subject().contains("@")) {
      throw Problem.invalid("subject", "subject is the email of the user to act as");
    }
    if (request.scopes() == null || request.scopes().isEmpty()) {
      throw Problem.invalid("scopes", "at least one scope is required");
    }
    return request;
  }

  private void failed(RoutingContext context) {
    int status = context.statusCode() > 0 ? context.statusCode() : 500;
    answer(
        context,
        status == 413
            ? new Problem(
                413,
                "body-too-large",
                "Body too large",
                "request bodies are limited to " + MAX_BODY + " bytes",
                null)
            : new Problem(
                status,
                "invalid-request",
                "Invalid request",
                "the request cannot be served",
                null));
  }

  private void answer(RoutingContext context, Problem problem) {
    try {
      var response = context.response().setStatusCode(problem.status());
      response.putHeader("Content-Type", ProblemMappers.PROBLEM_JSON);
      if (problem.status() == 401) {
        response.putHeader("WWW-Authenticate", "Bearer");
      }
      response.end(json.writeValueAsString(ProblemMappers.body(problem, context.request().path())));
    } catch (JsonProcessingException e) {
      context.response().setStatusCode(500).end();
    }
  }
}
