package io.signet.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A process of the local stack that outlives the command that started it: its own session ({@code
 * setsid}, so a Ctrl-C in the terminal does not reach it), its output appended to {@code
 * logs/<name>.log}, its id in {@code run/<name>.pid}. Every command line names the stack's folder
 * (Java processes carry {@code -Dsignet.stack=<folder>}), so a pid file is only trusted while that
 * pid is still one of ours.
 */
final class BackgroundProcess {

  private static final Duration STOP_GRACE = Duration.ofSeconds(20);

  private final StackHome home;
  private final String name;

  BackgroundProcess(StackHome home, String name) {
    this.home = home;
    this.name = name;
  }

  String name() {
    return name;
  }

  /** The JVM option that marks a Java process as this stack's. */
  static String marker(StackHome home) {
    return "-Dsignet.stack=" + home.root();
  }

  /** Starts {@code javaArgs} (everything after {@code java}) in the background. */
  void startJava(List<String> javaArgs) {
    startJava(javaArgs, null);
  }

  /**
   * Starts {@code javaArgs} in the background in {@code workingDirectory} (null: this one's), where
   * a Quarkus service reads {@code config/application.properties}: how the stack hands a service
   * its secrets without putting them on a command line that {@code ps} shows everyone.
   */
  void startJava(List<String> javaArgs, Path workingDirectory) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add(marker(home));
    command.addAll(javaArgs);
    start(command, workingDirectory);
  }

  /**
   * Starts {@code command} in the background; its command line must name the stack's folder (a file
   * in it), which is how a later run knows the pid is still this stack's process.
   */
  void start(List<String> command) {
    start(command, null);
  }

  private void start(List<String> command, Path workingDirectory) {
    List<String> detached = new ArrayList<>();
    if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
      detached.add("/usr/bin/setsid");
    }
    detached.addAll(command);
    try {
      Path log = home.log(name);
      Files.writeString(
          log,
          "---- " + java.time.Instant.now() + " starting " + name + "\n",
          StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
      Process process =
          new ProcessBuilder(detached)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .directory(workingDirectory == null ? null : workingDirectory.toFile())
              .start();
      Files.writeString(home.pidFile(name), Long.toString(process.pid()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  /** The running process, if its pid file names one of this stack's processes. */
  Optional<ProcessHandle> running() {
    Path pidFile = home.pidFile(name);
    if (!Files.exists(pidFile)) {
      return Optional.empty();
    }
    try {
      long pid = Long.parseLong(Files.readString(pidFile).trim());
      return ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .filter(
              handle ->
                  handle
                      .info()
                      .commandLine()
                      .map(line -> line.contains(home.root().toString()))
                      .orElse(true));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  boolean isRunning() {
    return running().isPresent();
  }

  /**
   * Stops the process: SIGTERM (its shutdown hooks run, the broker's and PostgreSQL's children stop
   * with it), SIGKILL after {@link #STOP_GRACE}.
   *
   * @return whether a process was running
   */
  boolean stop() {
    Optional<ProcessHandle> running = running();
    running.ifPresent(
        handle -> {
          handle.destroy();
          try {
            handle.onExit().get(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
          } catch (Exception e) {
            handle.descendants().forEach(ProcessHandle::destroyForcibly);
            handle.destroyForcibly();
          }
        });
    try {
      Files.deleteIfExists(home.pidFile(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return running.isPresent();
  }

  /**
   * Kills the process and its children at once ({@code SIGKILL}), as a crash would: no shutdown
   * hook runs. The next {@code up} starts it again.
   *
   * @return whether a process was running
   */
  boolean kill() {
    Optional<ProcessHandle> running = running();
    running.ifPresent(
        handle -> {
          List<ProcessHandle> children = handle.descendants().toList();
          handle.destroyForcibly();
          children.forEach(ProcessHandle::destroyForcibly);
          try {
            handle.onExit().get(10, TimeUnit.SECONDS);
          } catch (Exception e) {
            // reported by the caller's next status
          }
        });
    try {
      Files.deleteIfExists(home.pidFile(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return running.isPresent();
  }

  /** The last {@code lines} lines of the process's log. */
  String tail(int lines) {
    Path log = home.log(name);
    if (!Files.exists(log)) {
      return "";
    }
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }
}
