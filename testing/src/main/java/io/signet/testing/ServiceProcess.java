package io.signet.testing;

import io.signet.google.GoogleEndpoints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A packaged Signet service ({@code <module>/target/quarkus-app/quarkus-run.jar}) run as its own
 * process: tenant-service for the tests of services that depend on it (its token broker, its tenant
 * snapshots), or the service under test itself where a test kills and restarts it. Configuration is
 * passed as system properties.
 */
public final class ServiceProcess implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  /**
   * The system property with the services' JVM options. The default starts fast and stays small
   * (tests); a benchmark sets full JIT compilation, as in production.
   */
  public static final String JVM_OPTIONS = "signet.test.service-jvm-options";

  private static final String QUICK_START = "-Xmx256m -XX:TieredStopAtLevel=1";

  private final String module;
  private final Process process;
  private final String baseUrl;
  private final String managementUrl;

  private ServiceProcess(String module, Process process, String baseUrl, String managementUrl) {
    this.module = module;
    this.process = process;
    this.baseUrl = baseUrl;
    this.managementUrl = managementUrl;
  }

  /**
   * What every Signet service is given in tests: its own database, this JVM's Kafka broker, the
   * workspace emulator as Google, and the test public key that verifies access tokens.
   */
  public static Map<String, String> testEnvironment(TestDatabase database) {
    GoogleEndpoints google = TestEmulator.instance().endpoints();
    Map<String, String> config = new HashMap<>();
    config.put("quarkus.datasource.jdbc.url", database.jdbcUrl());
    config.put("quarkus.datasource.username", database.username());
    config.put("quarkus.datasource.password", database.password());
    config.put("kafka.bootstrap.servers", TestKafka.bootstrapServers());
    config.put("signet.google.token-uri", google.tokenUri().toString());
    config.put("signet.google.gmail-root-url", google.gmailRootUrl());
    config.put("signet.google.directory-root-url", google.directoryRootUrl());
    config.put(
        "mp.jwt.verify.publickey.location", TestJwtKeys.instance().publicKeyFile().toString());
    return config;
  }

  /**
   * Starts the service packaged by {@code module} (e.g. {@code tenant-service}) on {@code port}
   * with {@code config}, its output appended to {@code log}, and waits until it is ready.
   */
  public static ServiceProcess start(
      String module, int port, Map<String, String> config, Path log) {
    Path jar = locateJar(module);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(System.getProperty(JVM_OPTIONS, QUICK_START).split(" ")));
    command.add("-Dquarkus.http.port=" + port);
    // a packaged service serves /q on its management port: a free one, so processes never collide
    int managementPort = freePort();
    command.add("-Dquarkus.management.port=" + managementPort);
    command.add("-Dquarkus.management.host=127.0.0.1");
    config.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-jar");
    command.add(jar.toString());
    try {
      Files.createDirectories(log.getParent());
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      ServiceProcess service =
          new ServiceProcess(
              module, process, "http://127.0.0.1:" + port, "http://127.0.0.1:" + managementPort);
      Runtime.getRuntime().addShutdownHook(new Thread(service::close, module + "-stop"));
      service.awaitReady(log);
      return service;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + module + " from " + jar, e);
    }
  }

  public String baseUrl() {
    return baseUrl;
  }

  /** Where its {@code /q/metrics}, {@code /q/health} and {@code /q/openapi} answer. */
  public String managementUrl() {
    return managementUrl;
  }

  private static int freePort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Kills the process at once ({@code SIGKILL}): no shutdown hook, nothing flushed. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(15, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  private void awaitReady(Path log) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            module + " exited with " + process.exitValue() + "; see " + log);
      }
      try {
        HttpResponse<Void> response =
            http.send(
                HttpRequest.newBuilder(URI.create(managementUrl + "/q/health/ready")).build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting " + module, e);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting " + module, e);
      }
    }
    close();
    throw new IllegalStateException(
        module + " was not ready within " + START_TIMEOUT + "; see " + log);
  }

  /** Finds the packaged service from the module being tested, up to the project root. */
  private static Path locateJar(String module) {
    String configured = System.getProperty("signet." + module + ".jar");
    if (configured != null) {
      return Path.of(configured);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path jar = dir.resolve(module + "/target/quarkus-app/quarkus-run.jar");
      if (Files.exists(jar)) {
        return jar;
      }
    }
    throw new IllegalStateException(
        module + " is not packaged: run ./mvnw -pl " + module + " -am package first");
  }
}
