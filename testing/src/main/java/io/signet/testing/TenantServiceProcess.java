package io.signet.testing;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged tenant-service ({@code tenant-service/target/quarkus-app/quarkus-run.jar}) run as
 * its own process, for the tests of services that depend on it (its token broker, its tenant
 * snapshots). Configuration is passed as system properties.
 */
public final class TenantServiceProcess implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final Process process;
  private final String baseUrl;

  private TenantServiceProcess(Process process, String baseUrl) {
    this.process = process;
    this.baseUrl = baseUrl;
  }

  /** Starts it on {@code port} with {@code config} and waits until it is ready. */
  public static TenantServiceProcess start(int port, Map<String, String> config, Path log) {
    Path jar = locateJar();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-Dquarkus.http.port=" + port);
    config.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-jar");
    command.add(jar.toString());
    try {
      Files.createDirectories(log.getParent());
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      TenantServiceProcess service = new TenantServiceProcess(process, "http://127.0.0.1:" + port);
      Runtime.getRuntime().addShutdownHook(new Thread(service::close, "tenant-service-stop"));
      service.awaitReady(log);
      return service;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start tenant-service from " + jar, e);
    }
  }

  public String baseUrl() {
    return baseUrl;
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
            "tenant-service exited with " + process.exitValue() + "; see " + log);
      }
      try {
        HttpResponse<Void> response =
            http.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready")).build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting tenant-service", e);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting tenant-service", e);
      }
    }
    close();
    throw new IllegalStateException(
        "tenant-service was not ready within " + START_TIMEOUT + "; see " + log);
  }

  /** Finds the packaged service from the module being tested, up to the project root. */
  private static Path locateJar() {
    String configured = System.getProperty("signet.tenant-service.jar");
    if (configured != null) {
      return Path.of(configured);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path jar = dir.resolve("tenant-service/target/quarkus-app/quarkus-run.jar");
      if (Files.exists(jar)) {
        return jar;
      }
    }
    throw new IllegalStateException(
        "tenant-service is not packaged: run ./mvnw -pl tenant-service -am package first");
  }
}
