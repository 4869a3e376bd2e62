package io.signet.system;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real Prometheus (Debian's {@code prometheus} package) scraping the local stack every second
 * with Signet's alert rules loaded, and its {@code promtool}.
 */
final class PrometheusRun implements AutoCloseable {

  /**
   * The environment variable CI sets: a machine without Prometheus then fails instead of skipping
   * these checks.
   */
  static final String REQUIRED = "SIGNET_REQUIRE_PROMETHEUS";

  private final Process process;
  private final String url;

  private PrometheusRun(Process process, String url) {
    this.process = process;
    this.url = url;
  }

  /** {@code prometheus} or {@code promtool} on the PATH or in /usr/bin. */
  static Optional<Path> binary(String name) {
    List<String> dirs = new ArrayList<>(List.of(System.getenv("PATH").split(":")));
    dirs.add("/usr/bin");
    return dirs.stream().map(dir -> Path.of(dir, name)).filter(Files::isExecutable).findFirst();
  }

  /** Runs promtool with {@code args} in {@code dir}; returns its exit code and output. */
  static LocalStackRun.Result promtool(Path dir, String... args) {
    List<String> command = new ArrayList<>();
    command.add(binary("promtool").orElseThrow().toString());
    command.addAll(List.of(args));
    try {
      Instant started = Instant.now();
      Process process =
          new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes());
      process.waitFor(60, TimeUnit.SECONDS);
      return new LocalStackRun.Result(
          process.exitValue(), output, Duration.between(started, Instant.now()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Starts Prometheus scraping the stack's four services, with {@code rules} loaded. */
  static PrometheusRun start(LocalStackRun stack, Path rules) {
    Path dir = Path.of("target", "prometheus").toAbsolutePath();
    int port = freePort();
    StringBuilder config =
        new StringBuilder(
            "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
                + "rule_files:\n  - "
                + rules.toAbsolutePath()
                + "\nscrape_configs:\n");
    for (Map.Entry<String, Integer> service :
        Map.of(
                "tenant-service", LocalStackRun.TENANT,
                "directory-sync-service", LocalStackRun.DIRECTORY,
                "render-service", LocalStackRun.RENDER,
                "push-service", LocalStackRun.PUSH)
            .entrySet()) {
      config
          .append("  - job_name: ")
          .append(service.getKey())
          .append("\n    metrics_path: /q/metrics\n    static_configs:\n      - targets: [\"")
          .append(stack.managementUrl(service.getValue()).substring("http://".length()))
          .append("\"]\n");
    }
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve("prometheus.yml");
      Files.writeString(file, config);
      Process process =
          new ProcessBuilder(
                  binary("prometheus").orElseThrow().toString(),
                  "--config.file=" + file,
                  "--storage.tsdb.path=" + dir.resolve("data"),
                  "--web.listen-address=127.0.0.1:" + port,
                  "--log.level=warn")
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("prometheus.log").toFile())
              .start();
      PrometheusRun prometheus = new PrometheusRun(process, "http://127.0.0.1:" + port);
      prometheus.awaitReady();
      return prometheus;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An instant query's result vector (empty when the query matched nothing). */
  List<Map<String, Object>> query(String promql) {
    JsonPath answer =
        given()
            .baseUri(url)
            .queryParam("query", promql)
            .get("/api/v1/query")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    if (!"success".equals(answer.getString("status"))) {
      throw new AssertionError("Prometheus refused " + promql + ": " + answer.prettify());
    }
    return answer.getList("data.result");
  }

  /** The values of a label across the series of {@code metric}. */
  List<String> labelValues(String label, String metric) {
    return given()
        .baseUri(url)
        .queryParam("match[]", metric)
        .get("/api/v1/label/" + label + "/values")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("data");
  }

  /** The alerting rules Prometheus loaded, by name. */
  List<String> alertRules() {
    return given()
        .baseUri(url)
        .get("/api/v1/rules?type=alert")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("data.groups.rules.flatten().name");
  }

  @Override
  public void close() {
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

  private void awaitReady() {
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new AssertionError("Prometheus exited: see target/prometheus/prometheus.log");
      }
      try {
        if (given().baseUri(url).get("/-/ready").statusCode() == 200) {
          return;
        }
      } catch (Exception e) { // rest-assured rethrows ConnectException unchecked
        // not listening yet
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
    throw new AssertionError("Prometheus was not ready within 60 s");
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
