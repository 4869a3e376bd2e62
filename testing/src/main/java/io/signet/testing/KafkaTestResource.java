package io.signet.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Gives a Quarkus test application a real Kafka broker: the one named by {@code
 * KAFKA_BOOTSTRAP_SERVERS} when that is set, otherwise a single-node KRaft broker started from the
 * Apache Kafka jars for this test JVM. Use with {@code @QuarkusTestResource}.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    return Map.of("kafka.bootstrap.servers", TestKafka.bootstrapServers());
  }

  @Override
  public void stop() {
    // The broker is shared by every test application of this JVM and stops with it.
  }
}
