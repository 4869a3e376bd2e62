package io.signet.kafka.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one process) run from the Apache
 * Kafka jars as a child process. Used by tests, CI and the local stack.
 */
public final class KafkaBroker implements AutoCloseable {

  private static final String CLASSPATH_RESOURCE = "broker.classpath";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final String META_PROPERTIES = "meta.properties";

  private final Process process;
  private final int port;
  private final Path dataDir;
  private final SaslSslListener saslSsl;

  private KafkaBroker(Process process, int port, Path dataDir, SaslSslListener saslSsl) {
    this.process = process;
    this.port = port;
    this.dataDir = dataDir;
    this.saslSsl = saslSsl;
  }

  /** Starts a broker on two free ports with its data in {@code dataDir}. */
  public static KafkaBroker start(Path dataDir) {
    return start(dataDir, freePort(), freePort());
  }

  /**
   * Starts a broker listening on 127.0.0.1. A data directory formatted by an earlier run is reused,
   * so its topics and offsets survive a restart.
   *
   * @throws IllegalStateException with the broker's own last log lines if it cannot start
   */
  public static KafkaBroker start(Path dataDir, int port, int controllerPort) {
    return start(dataDir, port, controllerPort, null);
  }

  /**
   * Starts a broker with a SASL_SSL listener besides its PLAINTEXT one (which the broker itself
   * uses between its parts): TLS with a self-signed certificate and SCRAM-SHA-512, one user, all
   * made in {@code dataDir} at the first start ({@link SaslSslListener}). A data directory
   * formatted earlier without that user is refused.
   */
  public static KafkaBroker startWithSaslSsl(Path dataDir) {
    SaslSslListener listener = SaslSslListener.prepare(dataDir.resolve("sasl-ssl"), freePort());
    return start(dataDir, freePort(), freePort(), listener);
  }

  private static KafkaBroker start(
      Path dataDir, int port, int controllerPort, SaslSslListener saslSsl) {
    try {
      Files.createDirectories(dataDir);
      Path logDir = dataDir.resolve("data");
      Path properties = writeServerProperties(dataDir, logDir, port, controllerPort, saslSsl);
      if (!Files.exists(logDir.resolve(META_PROPERTIES))) {
        formatStorage(dataDir, properties, saslSsl);
      } else if (saslSsl != null && saslSsl.created()) {
        throw new IllegalStateException(
            dataDir + " was formatted without the SCRAM user: start with a new data directory");
      }
      Path log = dataDir.resolve("broker.log");
      Process process =
          javaProcess("kafka.Kafka", properties.toString())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      KafkaBroker broker = new KafkaBroker(process, port, dataDir, saslSsl);
      Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-broker-stop"));
      broker.awaitListening(log);
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the Kafka broker in " + dataDir, e);
    }
  }

  /** The {@code bootstrap.servers} value for clients of the PLAINTEXT listener. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /**
   * The SASL_SSL listener, with what a client needs to connect to it.
   *
   * @throws IllegalStateException unless the broker was started {@link #startWithSaslSsl with one}
   */
  public SaslSslListener saslSsl() {
    if (saslSsl == null) {
      throw new IllegalStateException("this broker was started without a SASL_SSL listener");
    }
    return saslSsl;
  }

  public Path dataDir() {
    return dataDir;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Stops the broker gracefully, forcibly after 20 s. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void awaitListening(Path log) {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the Kafka broker exited with code " + process.exitValue() + ":\n" + tail(log));
      }
      if (accepts(port) && (saslSsl == null || accepts(saslSsl.port()))) {
        return;
      }
      pause();
    }
    close();
    throw new IllegalStateException(
        "the Kafka broker did not listen on port "
            + port
            + " within "
            + START_TIMEOUT
            + ":\n"
            + tail(log));
  }

  private static void formatStorage(Path dataDir, Path properties, SaslSslListener saslSsl)
      throws IOException {
    Path log = dataDir.resolve("format.log");
    List<String> args =
        new ArrayList<>(
            List.of(
                "format", "--standalone", "-t", randomClusterId(), "-c", properties.toString()));
    if (saslSsl != null) {
      args.addAll(saslSsl.formatArguments());
    }
    Process format =
        javaProcess("kafka.tools.StorageTool", args.toArray(String[]::new))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
        format.destroyForcibly();
        throw new IllegalStateException("formatting Kafka storage failed:\n" + tail(log));
      }
    } catch (InterruptedException e) {
      format.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while formatting Kafka storage", e);
    }
  }

  private static Path writeServerProperties(
      Path dataDir, Path logDir, int port, int controllerPort, SaslSslListener saslSsl)
      throws IOException {
    String plaintext = "PLAINTEXT://127.0.0.1:" + port;
    String advertised =
        saslSsl == null ? plaintext : plaintext + ",SASL_SSL://" + saslSsl.bootstrapServers();
    String protocols =
        saslSsl == null
            ? "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"
            : "PLAINTEXT:PLAINTEXT,SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT";
    List<String> lines =
        new ArrayList<>(
            List.of(
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
                "listeners=" + advertised + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=" + advertised,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=" + protocols,
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + logDir.toAbsolutePath(),
                "num.partitions=4",
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=4",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0"));
    if (saslSsl != null) {
      lines.addAll(saslSsl.serverProperties());
    }
    Path file = dataDir.resolve("server.properties");
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return file;
  }

  private static ProcessBuilder javaProcess(String mainClass, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xms128m");
    command.add("-Xmx512m");
    command.add("-XX:+UseSerialGC");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    command.add("-cp");
    command.add(brokerClasspath());
    command.add(mainClass);
    command.addAll(List.of(args));
    return new ProcessBuilder(command);
  }

  private static String brokerClasspath() {
    try (InputStream in = KafkaBroker.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            CLASSPATH_RESOURCE + " is missing: build the kafka-broker module with Maven");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A KRaft cluster id: 16 random bytes, URL-safe base64 without padding, as Kafka makes it. */
  private static String randomClusterId() {
    SecureRandom random = new SecureRandom();
    byte[] bytes = new byte[16];
    String id;
    do {
      random.nextBytes(bytes);
      id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    } while (id.startsWith("-"));
    return id;
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log at " + log + ")";
    }
  }
}
