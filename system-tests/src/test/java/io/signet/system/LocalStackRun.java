package io.signet.system;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The local-stack command ({@code ./signet}) run as a user runs it, against a folder of its own and
 * ports of its own, so it never meets a developer's stack: the system under test.
 */
final class LocalStackRun {

  /** The stack's default ports (see deploy's Component): the offset is added to each. */
  static final int TENANT = 8081;

  static final int DIRECTORY = 8082;
  static final int RENDER = 8083;
  static final int PUSH = 8084;
  static final int EMULATOR = 8089;
  static final int PROMETHEUS = 9090;
  static final int KAFKA = 9192;

  /** The four services' ports. */
  static final java.util.List<Integer> SERVICES =
      java.util.List.of(TENANT, DIRECTORY, RENDER, PUSH);

  /** A service's management port (/q: health, metrics, OpenAPI) is its API port + 1000. */
  static final int MANAGEMENT_OFFSET = 1000;

  private static final int[] ALL_PORTS = {
    PROMETHEUS,
    5433,
    KAFKA,
    9193,
    EMULATOR,
    TENANT,
    DIRECTORY,
    RENDER,
    PUSH,
    TENANT + MANAGEMENT_OFFSET,
    DIRECTORY + MANAGEMENT_OFFSET,
    RENDER + MANAGEMENT_OFFSET,
    PUSH + MANAGEMENT_OFFSET
  };

  final Path repository =
      Path.of(System.getProperty("signet.repository", "..")).toAbsolutePath().normalize();
  final Path home;
  final int offset;
  private final java.util.Map<String, String> environment;

  /** A run with a clean folder under {@code target/} and an offset whose ports are all free. */
  LocalStackRun() {
    this(java.util.Map.of());
  }

  /** The same, with more environment for {@code ./signet} and the processes it starts. */
  LocalStackRun(java.util.Map<String, String> environment) {
    home = Path.of("target", "stack-" + System.currentTimeMillis()).toAbsolutePath();
    offset = freeOffset();
    this.environment = environment;
  }

  /** The command's exit code and everything it printed. */
  record Result(int exitCode, String output, Duration took) {}

  Result run(Duration timeout, String... args) {
    List<String> command = new ArrayList<>();
    command.add(repository.resolve("signet").toString());
    command.addAll(List.of(args));
    Path output =
        Path.of("target", home.getFileName() + "-" + String.join("-", args) + ".out")
            .toAbsolutePath();
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(repository.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    builder.environment().put("SIGNET_HOME", home.toString());
    builder.environment().put("SIGNET_PORT_OFFSET", Integer.toString(offset));
    builder.environment().putAll(environment);
    Instant started = Instant.now();
    try {
      Process process = builder.start();
      if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(
            "./signet "
                + String.join(" ", args)
                + " did not end within "
                + timeout
                + ":\n"
                + Files.readString(output));
      }
      return new Result(
          process.exitValue(), Files.readString(output), Duration.between(started, Instant.now()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Asks until the condition holds; a failing call (a service restarting) is asked again. */
  static void awaitUntil(Duration timeout, java.util.function.Supplier<Boolean> condition) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      try {
        if (condition.get()) {
          return;
        }
      } catch (RuntimeException | AssertionError e) {
        // a service restarting: ask again
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not reached within " + timeout);
      }
      sleep(Duration.ofMillis(250));
    }
  }

  /** Waits; an interrupt ends the test. */
  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Every default port of the stack (the offset not added). */
  static int[] allPorts() {
    return ALL_PORTS.clone();
  }

  String url(int defaultPort) {
    return "http://127.0.0.1:" + (defaultPort + offset);
  }

  /** Where the service on {@code defaultPort} serves /q/metrics, /q/health and /q/openapi. */
  String managementUrl(int defaultPort) {
    return url(defaultPort + MANAGEMENT_OFFSET);
  }

  /** What {@code up} saved: API keys, the demo tenant. */
  Properties saved() {
    Properties properties = new Properties();
    try (Reader reader =
        Files.newBufferedReader(home.resolve("stack.properties"), StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }

  /** The process ids {@code up} recorded. */
  List<Long> pids() {
    try (var files = Files.list(home.resolve("run"))) {
      return files
          .map(
              file -> {
                try {
                  return Long.parseLong(Files.readString(file).trim());
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  boolean anyPortAnswers() {
    for (int port : ALL_PORTS) {
      if (answers(port + offset)) {
        return true;
      }
    }
    return false;
  }

  private static int freeOffset() {
    for (int offset = 20_000; offset < 40_000; offset += 137) {
      boolean free = true;
      for (int port : ALL_PORTS) {
        free &= !answers(port + offset);
      }
      if (free) {
        return offset;
      }
    }
    throw new IllegalStateException("no free set of ports for the local stack");
  }

  private static boolean answers(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
