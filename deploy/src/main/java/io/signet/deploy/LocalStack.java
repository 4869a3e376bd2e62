package io.signet.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code ./signet up|down|status|logs|reset}: Signet on one machine without Docker. {@code up}
 * starts PostgreSQL (the local server, else an embedded one), a Kafka broker, the workspace
 * emulator with a demo Workspace and the four services as background processes, onboards the demo
 * tenant through the public APIs, waits until Gmail holds every eligible user's signature and shows
 * a directory change reach Gmail. Everything lives in one folder ({@code SIGNET_HOME}, default
 * {@code .signet} in the repository); a second {@code up} resumes it.
 */
public final class LocalStack {

  private static final String USAGE =
      String.join(
          "\n",
          "usage: ./signet <command>",
          "  up                 start everything (building what is missing), onboard the demo",
          "                     tenant, wait until every eligible signature is in Gmail",
          "  down               stop every process the stack started (data is kept)",
          "  stop <name>        stop one component gracefully (up starts it again)",
          "  kill <name>        kill one component and its children at once, as a crash would",
          "  status             what runs, where, and the demo tenant's push counts",
          "  logs [name] [-f]   the end of each log, or one component's (-f follows it)",
          "  reset              down, then delete the stack's folder and databases",
          "  dead-letters       every consuming service's open dead letters (records it could",
          "                     not process), with reason, source topic, partition, offset, key",
          "  redrive <service> [id ...]",
          "                     process a service's dead letters again after a fix (all open",
          "                     ones, or those ids)",
          "environment: SIGNET_HOME (the folder), SIGNET_PORT_OFFSET (added to every port at the",
          "first up), SIGNET_DB_HOST/PORT/USER/PASSWORD (the local PostgreSQL),",
          "SIGNET_SERVICE_JVM_OPTIONS");

  private final Stack stack;
  private final PrintStream out;

  LocalStack(Stack stack, PrintStream out) {
    this.stack = stack;
    this.out = out;
  }

  public static void main(String[] args) {
    Path repository = Path.of(System.getProperty("signet.repository", ".")).toAbsolutePath();
    Path homeDir = Path.of(Stack.env("SIGNET_HOME", repository.resolve(".signet").toString()));
    int offset = Integer.parseInt(Stack.env("SIGNET_PORT_OFFSET", "0"));
    if (args.length == 0) {
      System.out.println(USAGE);
      System.exit(2);
    }
    try {
      LocalStack local =
          new LocalStack(new Stack(StackHome.open(homeDir), repository, offset), System.out);
      switch (args[0]) {
        case "up" -> local.up();
        case "down" -> local.down();
        case "status" -> System.exit(local.status() ? 0 : 3);
        case "logs" -> local.logs(List.of(args).subList(1, args.length));
        case "reset" -> local.reset();
        case "stop", "kill" -> local.stopOne(args[0], List.of(args).subList(1, args.length));
        case "dead-letters" -> new DeadLetters(local.stack, System.out).list();
        case "redrive" ->
            new DeadLetters(local.stack, System.out).redrive(List.of(args).subList(1, args.length));
        default -> {
          System.err.println("unknown command " + args[0] + "\n" + USAGE);
          System.exit(2);
        }
      }
    } catch (StackException | IllegalStateException | IllegalArgumentException e) {
      System.out.flush();
      System.err.println("\nsignet: " + e.getMessage());
      System.exit(1);
    }
  }

  // ---------------------------------------------------------------- up

  void up() {
    Instant started = Instant.now();
    out.println("Signet local stack in " + stack.home().root());
    for (Component service : Component.SERVICES) {
      if (!Files.exists(stack.serviceJar(service))) {
        throw new StackException(
            service.id + " is not built (" + stack.serviceJar(service) + "): run ./signet up");
      }
    }
    List<String> taken = stack.takenPorts();
    if (!taken.isEmpty()) {
      throw new StackException(
          String.join("\n", taken)
              + "\nstop those programs, or start this stack on other ports: "
              + "SIGNET_HOME=<new folder> SIGNET_PORT_OFFSET=100 ./signet up");
    }
    Postgres postgres = stack.postgres();
    if (stack.embeddedPostgres()) {
      startIfStopped(Component.POSTGRES, stack::startPostgres);
    } else {
      if (!postgres.answers()) {
        throw new StackException(
            "the local PostgreSQL at "
                + postgres.host()
                + ":"
                + postgres.port()
                + " that this stack uses does not answer: start it (or ./signet reset)");
      }
      out.printf("  %-24s local server %s:%d%n", "postgres", postgres.host(), postgres.port());
    }
    startIfStopped(Component.KAFKA, stack::startKafka);
    startIfStopped(Component.EMULATOR, stack::startEmulator);
    List<Component> stopped =
        Component.SERVICES.stream().filter(s -> !stack.process(s).isRunning()).toList();
    Instant servicesStarted = Instant.now();
    stack.startServices(stopped);
    for (Component service : Component.SERVICES) {
      out.printf(
          "  %-24s %s%s%n",
          service.id,
          stack.url(service),
          stopped.contains(service)
              ? "  started (" + seconds(servicesStarted) + " s)"
              : "  was running");
    }

    if (stack.components().contains(Component.PROMETHEUS)) {
      startIfStopped(Component.PROMETHEUS, stack::startPrometheus);
    }

    out.println("Onboarding the demo tenant through the public APIs");
    DemoTenant demo = new DemoTenant(stack, out);
    demo.onboard();
    out.println("Waiting until Gmail holds every eligible user's signature");
    DemoTenant.GmailView gmail = demo.awaitSignatures(new Progress(out));
    Duration toAllApplied = Duration.between(started, Instant.now());
    out.println("A directory change on its way to Gmail: " + gmail.sample() + "'s title");
    Duration change = demo.changeFlows(gmail.sample(), new Progress(out));
    summary(gmail, demo.pushStatus(), toAllApplied, change);
  }

  private void startIfStopped(Component component, Runnable start) {
    if (stack.process(component).isRunning()) {
      out.printf("  %-24s 127.0.0.1:%d  was running%n", component.id, stack.port(component));
      return;
    }
    Instant begun = Instant.now();
    start.run();
    out.printf(
        "  %-24s 127.0.0.1:%d  started (%d s)%n",
        component.id, stack.port(component), seconds(begun));
  }

  private void summary(
      DemoTenant.GmailView gmail, JsonNode push, Duration toAllApplied, Duration change) {
    String home = stack.home().root().toString();
    out.println();
    out.printf(
        "Signet is running: every eligible signature applied %d s after ./signet up%n",
        toAllApplied.toSeconds());
    out.printf(
        "  demo tenant %s (demo.test): %d users, %d eligible, %d with their signature in Gmail%n",
        stack.home().get("demo.tenant-id").orElse("?"),
        gmail.users(),
        gmail.eligible(),
        gmail.signed());
    if (!gmail.notEligible().isEmpty()) {
      out.println("  no signature by design: " + describe(gmail.notEligible()));
    }
    out.println("  push-service, addresses by state: " + push.get("counts"));
    Map<String, Integer> failures = new java.util.TreeMap<>();
    push.path("recentFailures")
        .forEach(f -> failures.merge(f.path("lastReason").asText("?"), 1, Integer::sum));
    if (!failures.isEmpty()) {
      out.println("  recent failures by Google's reason: " + failures);
    }
    out.printf("  a title change reached Gmail in %.1f s%n", change.toMillis() / 1000.0);
    out.println();
    out.printf(
        "  %-24s %-24s %-36s %s%n", "service", "API", "Swagger UI (management port)", "metrics");
    for (Component service : Component.SERVICES) {
      out.printf(
          "  %-24s %-24s %-36s %s%n",
          service.id,
          stack.url(service),
          stack.managementUrl(service) + "/q/swagger-ui",
          stack.managementUrl(service) + "/q/metrics");
    }
    out.printf(
        "  %-24s %s%n", "workspace-emulator", stack.url(Component.EMULATOR) + "/emulator/v1/stats");
    out.printf("  %-24s 127.0.0.1:%d%n", "kafka", stack.port(Component.KAFKA));
    if (stack.components().contains(Component.PROMETHEUS)) {
      out.printf(
          "  %-24s %s (Signet's alert rules loaded: %s/alerts)%n",
          "prometheus", stack.url(Component.PROMETHEUS), stack.url(Component.PROMETHEUS));
      out.println(
          "  Grafana: import deploy/grafana/dashboards/signet-overview.json and signet-tenant.json"
              + " (Dashboards → New → Import) with "
              + stack.url(Component.PROMETHEUS)
              + " as a Prometheus data source");
    } else {
      out.printf(
          "  %-24s not installed: with Debian's prometheus package, ./signet up starts it too%n",
          "prometheus");
    }
    Postgres postgres = stack.postgres();
    out.printf(
        "  %-24s %s:%d, databases %s*%n",
        "postgres", postgres.host(), postgres.port(), stack.databasePrefix());
    out.println();
    out.println("  API keys (operator, demo tenant) are in " + home + "/stack.properties;");
    out.println(
        "  an access token: curl -s -X POST "
            + stack.url(Component.TENANT)
            + "/api/v1/auth/token -H 'Content-Type: application/json' -d '{\"apiKey\":\"<key>\"}'");
    out.println();
    out.println("  Change a user and watch it flow to Gmail:");
    String user = stack.url(Component.EMULATOR) + "/emulator/v1/users/" + gmail.sample();
    out.println(
        "    curl -s -X PATCH "
            + user
            + " -H 'Content-Type: application/json' -d '{\"title\":\"Head of Demos\"}'");
    out.println("    curl -s " + user + "/send-as");
    out.println("  ./signet status | ./signet logs [name] [-f] | ./signet down");
  }

  private static String describe(Map<String, Integer> counts) {
    List<String> parts = new ArrayList<>();
    counts.forEach((reason, count) -> parts.add(count + " " + reason));
    return String.join(", ", parts);
  }

  // ---------------------------------------------------------------- down, status, logs, reset

  void down() {
    List<Component> order = new ArrayList<>(List.of(Component.values()));
    java.util.Collections.reverse(order);
    for (Component component : order) {
      boolean wasRunning = stack.process(component).stop();
      if (wasRunning) {
        out.printf("  %-24s stopped%n", component.id);
      }
    }
    out.println("Signet local stack stopped; its data stays in " + stack.home().root());
  }

  void stopOne(String how, List<String> names) {
    if (names.size() != 1) {
      throw new StackException("name one component: ./signet " + how + " push-service");
    }
    Component component = Component.byId(names.get(0));
    BackgroundProcess process = stack.process(component);
    boolean wasRunning = how.equals("kill") ? process.kill() : process.stop();
    out.printf(
        "  %-24s %s%n",
        component.id, wasRunning ? (how.equals("kill") ? "killed" : "stopped") : "was not running");
  }

  /**
   * @return whether every component runs and answers
   */
  boolean status() {
    boolean all = true;
    out.println("Signet local stack in " + stack.home().root());
    for (Component component : stack.components()) {
      var running = stack.process(component).running();
      String state;
      if (running.isEmpty()) {
        state = "stopped";
        all = false;
      } else if (!stack.healthy(component)) {
        state = "running (pid " + running.get().pid() + ") but not answering";
        all = false;
      } else {
        state = "up (pid " + running.get().pid() + ")";
      }
      out.printf("  %-24s 127.0.0.1:%-6d %s%n", component.id, stack.port(component), state);
    }
    if (!stack.embeddedPostgres()) {
      Postgres postgres = stack.postgres();
      out.printf(
          "  %-24s %s:%d (local server) %s%n",
          "postgres",
          postgres.host(),
          postgres.port(),
          postgres.answers() ? "up" : "not answering");
    }
    if (all && stack.home().get("demo.api-key").isPresent()) {
      DemoTenant demo = new DemoTenant(stack, out);
      DemoTenant.GmailView gmail = demo.gmail();
      out.printf(
          "  demo tenant: %d of %d eligible users have their signature in Gmail; addresses by"
              + " state %s%n",
          gmail.signed(), gmail.eligible(), demo.pushStatus().get("counts"));
    }
    return all;
  }

  void logs(List<String> args) {
    boolean follow = args.contains("-f") || args.contains("--follow");
    List<String> names = args.stream().filter(a -> !a.startsWith("-")).toList();
    if (names.isEmpty()) {
      if (follow) {
        throw new StackException(
            "name the component to follow, e.g. ./signet logs push-service -f");
      }
      for (Component component : stack.components()) {
        out.println("==> " + stack.home().log(component.id) + " <==");
        out.println(stack.process(component).tail(15));
      }
      return;
    }
    Component component = Component.byId(names.get(0));
    out.println(stack.process(component).tail(follow ? 20 : 200));
    if (follow) {
      follow(stack.home().log(component.id));
    }
  }

  private void follow(Path log) {
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
      long position = file.length();
      while (true) {
        long length = file.length();
        if (length > position) {
          file.seek(position);
          byte[] bytes = new byte[(int) (length - position)];
          file.readFully(bytes);
          out.print(new String(bytes, StandardCharsets.UTF_8));
          out.flush();
          position = length;
        }
        Stack.sleep(300);
      }
    } catch (IOException e) {
      throw new StackException("cannot follow " + log + ": " + e.getMessage());
    }
  }

  void reset() {
    down();
    if (!stack.embeddedPostgres() && stack.postgres().answers()) {
      for (Component service : Component.SERVICES) {
        stack.postgres().dropDatabase(stack.databasePrefix() + service.databaseSuffix());
      }
      out.println("  dropped databases " + stack.databasePrefix() + "*");
    }
    Path root = stack.home().root();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new StackException("cannot delete " + root + ": " + e.getMessage());
    }
    out.println("  deleted " + root + ": the next ./signet up starts from nothing");
  }

  private static long seconds(Instant since) {
    return Duration.between(since, Instant.now()).toSeconds();
  }
}
