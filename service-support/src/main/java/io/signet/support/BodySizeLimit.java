package io.signet.support;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a body whose declared length is over the limit with a problem+json 413 before it is read
 * (the server's own limit would close the request with an empty answer).
 */
@ApplicationScoped
public class BodySizeLimit {

  void install(
      @Observes Router router,
      @ConfigProperty(name = "quarkus.http.limits.max-body-size")
          io.quarkus.runtime.configuration.MemorySize limit) {
    long max = limit.asLongValue();
    router
        .route()
        .order(Integer.MIN_VALUE)
        .handler(
            context -> {
              String length = context.request().getHeader("Content-Length");
              if (length != null && parse(length) > max) {
                context
                    .response()
                    .setStatusCode(413)
                    .putHeader("Content-Type", ProblemMappers.PROBLEM_JSON)
                    .putHeader("Connection", "close")
                    .end(
                        new JsonObject()
                            .put("type", "https://signet.io/problems/body-too-large")
                            .put("title", "Body too large")
                            .put("status", 413)
                            .put("detail", "request bodies are limited to " + max + " bytes")
                            .encode());
              } else {
                context.next();
              }
            });
  }

  private static long parse(String length) {
    try {
      return Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }
}
