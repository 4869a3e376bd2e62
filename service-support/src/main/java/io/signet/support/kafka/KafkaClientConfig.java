package io.signet.support.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.config.Config;

/**
 * The Kafka client configuration of this service: every {@code kafka.*} property of the Quarkus
 * configuration ({@code bootstrap.servers}, {@code security.protocol}, {@code sasl.*}, {@code
 * ssl.*}, …) without its prefix, the settings SmallRye Reactive Messaging gives every channel. The
 * producers and admin clients a service builds itself start from this map, so TLS and SASL are
 * configuration only, for channels and hand-built clients alike.
 *
 * <p>Environment variables count as Quarkus' own Kafka extension counts them: {@code
 * KAFKA_SSL_TRUSTSTORE_LOCATION} is {@code kafka.ssl.truststore.location}. A property whose value
 * is empty is left out (Kafka would read an empty keystore location as a file name).
 */
@ApplicationScoped
public class KafkaClientConfig {

  private static final String PREFIX = "kafka";

  private final Map<String, Object> properties;

  public KafkaClientConfig(Config config) {
    Map<String, Object> found = new TreeMap<>();
    for (String name : config.getPropertyNames()) {
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.length() <= PREFIX.length() + 1
          || !lower.startsWith(PREFIX)
          || (lower.charAt(PREFIX.length()) != '.' && lower.charAt(PREFIX.length()) != '_')
          || lower.startsWith("kafka.ui")) {
        continue;
      }
      String key = lower.substring(PREFIX.length() + 1).replace('_', '.');
      // read through the dotted name: its value is the one of highest ordinal (env over file)
      config
          .getOptionalValue(PREFIX + "." + key, String.class)
          .or(() -> config.getOptionalValue(name, String.class))
          .filter(value -> !value.isBlank())
          .ifPresent(value -> found.put(key, value));
    }
    if (!found.containsKey("bootstrap.servers")) {
      throw new IllegalStateException(
          "kafka.bootstrap.servers is not configured (KAFKA_BOOTSTRAP_SERVERS)");
    }
    this.properties = Map.copyOf(found);
  }

  /** The client properties, e.g. {@code bootstrap.servers}; never empty, never modifiable. */
  public Map<String, Object> properties() {
    return properties;
  }

  /** Names of the properties, their values left out: passwords and JAAS lines stay out of logs. */
  @Override
  public String toString() {
    return "KafkaClientConfig" + properties.keySet();
  }
}
