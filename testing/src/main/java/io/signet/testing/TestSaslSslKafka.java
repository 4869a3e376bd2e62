package io.signet.testing;

import io.signet.kafka.broker.KafkaBroker;
import io.signet.kafka.broker.SaslSslListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A second broker of this test JVM, with a SASL_SSL listener (self-signed certificate, one
 * SCRAM-SHA-512 user, both made at start): for the tests that prove Signet runs on a secured Kafka.
 * Started once, on first use, and stopped when the JVM exits.
 */
public final class TestSaslSslKafka {

  private static SaslSslListener listener;

  private TestSaslSslKafka() {}

  /** The SASL_SSL listener, starting the broker on first use. */
  public static synchronized SaslSslListener listener() {
    if (listener == null) {
      try {
        Path dataDir = Files.createTempDirectory("signet-kafka-sasl-ssl-");
        KafkaBroker broker = KafkaBroker.startWithSaslSsl(dataDir);
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(() -> TestFiles.deleteTree(dataDir), "kafka-sasl-data-cleanup"));
        listener = broker.saslSsl();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a data directory for the Kafka broker", e);
      }
    }
    return listener;
  }

  /** What a client needs to connect to the listener as its SCRAM user. */
  public static Map<String, Object> clientConfig() {
    return new HashMap<>(listener().clientConfig());
  }
}
