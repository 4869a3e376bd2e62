package io.signet.support.deadletter;

import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while a consumer is backing off from a transient failure (the database or Kafka
 * unreachable); ready again as soon as a retry succeeds.
 */
@Readiness
@ApplicationScoped
@IfBuildProperty(name = ConsumerGuard.CHANNEL_PROPERTY, stringValue = "smallrye-kafka")
public class ConsumerReadiness implements HealthCheck {

  private final Map<String, String> retrying = new ConcurrentHashMap<>();

  void retrying(String topic, Throwable failure) {
    retrying.put(topic, failure.getClass().getSimpleName() + ": " + rootMessage(failure));
  }

  void recovered(String topic) {
    retrying.remove(topic);
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named("consumers").status(retrying.isEmpty());
    retrying.forEach((topic, failure) -> response.withData(topic, "retrying after " + failure));
    return response.build();
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName();
  }
}
