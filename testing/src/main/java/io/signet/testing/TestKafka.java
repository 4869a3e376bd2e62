package io.signet.testing;

import io.signet.kafka.broker.KafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Kafka broker of this test JVM. Started once, on first use, and stopped when the JVM exits;
 * {@code KAFKA_BOOTSTRAP_SERVERS} points tests at an existing broker instead.
 */
public final class TestKafka {

  /** Environment variable naming an existing broker; when set, none is started. */
  public static final String BOOTSTRAP_ENV = "KAFKA_BOOTSTRAP_SERVERS";

  private static String bootstrapServers;

  private TestKafka() {}

  public static synchronized String bootstrapServers() {
    if (bootstrapServers == null) {
      String external = System.getenv(BOOTSTRAP_ENV);
      bootstrapServers = external != null && !external.isBlank() ? external.trim() : startBroker();
    }
    return bootstrapServers;
  }

  private static String startBroker() {
    try {
      Path dataDir = Files.createTempDirectory("signet-kafka-");
      KafkaBroker broker = KafkaBroker.start(dataDir);
      Runtime.getRuntime()
          .addShutdownHook(new Thread(() -> TestFiles.deleteTree(dataDir), "kafka-data-cleanup"));
      return broker.bootstrapServers();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a data directory for the Kafka broker", e);
    }
  }
}
