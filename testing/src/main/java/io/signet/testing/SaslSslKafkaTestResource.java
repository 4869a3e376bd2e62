package io.signet.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Points a Quarkus test application's whole Kafka configuration ({@code kafka.*}: bootstrap
 * servers, security protocol, SASL mechanism and JAAS line, trust store) at {@link
 * TestSaslSslKafka}'s SASL_SSL listener, so every channel, producer and admin client of the service
 * connects through TLS and SCRAM. Use it from a test profile that disables the global test
 * resources, so {@link KafkaTestResource}'s plaintext broker is not configured beside it.
 */
public class SaslSslKafkaTestResource implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    Map<String, String> config = new HashMap<>();
    TestSaslSslKafka.listener()
        .clientConfig()
        .forEach((key, value) -> config.put("kafka." + key, value));
    return config;
  }

  @Override
  public void stop() {
    // The broker is shared by every test application of this JVM and stops with it.
  }
}
