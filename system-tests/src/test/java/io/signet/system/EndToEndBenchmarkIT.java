package io.signet.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The end-to-end benchmark: the local stack as a user runs it, the emulator enforcing Google's
 * per-project Gmail quota (1,200,000 units a minute, a patch costs 100) and answering every call
 * after 100–300 ms. For each size (10,000 and 100,000 users by default) a new tenant is onboarded
 * through the public APIs and timed until every eligible address holds its signature; single-user
 * changes are timed to Gmail alone (on the first tenant) and during the largest bulk; the largest
 * tenant is then re-synced unchanged; each service's memory and CPU are read at the end of the
 * largest run. Figures are printed and written to {@code target/benchmark/end-to-end.json}; {@code
 * BENCHMARKS.md} says how to run it and what one run measured.
 */
@Tag("benchmark")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndToEndBenchmarkIT {

  private static final long PROJECT_UNITS_PER_MINUTE = 1_200_000;
  private static final long WRITE_COST = 100;
  private static final int LATENCY_MIN = 100;
  private static final int LATENCY_MAX = 300;
  private static final List<String> SERVICES =
      List.of("tenant-service", "directory-sync-service", "render-service", "push-service");
  private static final String TEMPLATE =
      "<p><b>{user.fullName}</b>{#if user.title}<br>{user.title}{/if}<br>{tenant.name}<br>"
          + "<a href=\"mailto:{sendAs.email}\">{sendAs.email}</a></p>";

  private final List<Integer> sizes =
      Arrays.stream(System.getProperty("benchmark.sizes", "10000,100000").split(","))
          .map(String::trim)
          .map(Integer::parseInt)
          .sorted()
          .toList();
  private final int changes = Integer.getInteger("benchmark.changes", 200);

  private final LocalStackRun stack =
      new LocalStackRun(
          Map.of(
              // the stack's own PostgreSQL, configured as PostgreSQL ships (autovacuum on): the
              // push table churns, and a server without autovacuum slows every claim down
              "SIGNET_DB_PORT",
              "1",
              // enough Gmail calls in flight to fill the quota at Google's latency
              "SIGNET_PUSH_WORKERS",
              "192",
              "SIGNET_GOOGLE_MAX_CONNECTIONS",
              "256",
              // the services as they would run in production: full JIT compilation
              "SIGNET_SERVICE_JVM_OPTIONS",
              System.getenv()
                  .getOrDefault(
                      "SIGNET_BENCHMARK_JVM_OPTIONS", "-Xms64m -Xmx320m -XX:+UseSerialGC")));
  private final StackApis apis = new StackApis(stack);
  private final BenchHttp http = new BenchHttp();
  private final ObjectNode results = BenchHttp.JSON.createObjectNode();
  private WriteLogTail writes;

  @BeforeAll
  void up() {
    LocalStackRun.Result up = stack.run(Duration.ofMinutes(10), "up");
    assertThat(up.exitCode()).as(up.output()).isZero();
    JsonNode quotas = http.get(stack.url(LocalStackRun.EMULATOR) + "/emulator/v1/quotas");
    assertThat(quotas.get("enabled").asBoolean()).isTrue();
    assertThat(quotas.get("gmailUnitsPerMinutePerProject").asLong())
        .isEqualTo(PROJECT_UNITS_PER_MINUTE);
    List<Map<String, Object>> latency = new ArrayList<>();
    for (String operation :
        List.of(
            "token",
            "sendAs.list",
            "sendAs.get",
            "sendAs.update",
            "sendAs.patch",
            "users.list",
            "users.get",
            "users.watch",
            "channels.stop",
            "groups.list",
            "members.list",
            "roles.list",
            "roleAssignments.list")) {
      latency.add(
          Map.of("operation", operation, "minMillis", LATENCY_MIN, "maxMillis", LATENCY_MAX));
    }
    apis.emulator()
        .body(Map.of("latency", latency))
        .put("/emulator/v1/faults")
        .then()
        .statusCode(200);
    writes = new WriteLogTail(http, stack.url(LocalStackRun.EMULATOR));
    results.put("machine", Runtime.getRuntime().availableProcessors() + " cores");
    results.put("quotaUnitsPerMinutePerProject", PROJECT_UNITS_PER_MINUTE);
    results.put("latencyMillis", LATENCY_MIN + "-" + LATENCY_MAX + " on every Google call");
  }

  @AfterAll
  void down() throws IOException {
    if (writes != null) {
      writes.close();
    }
    Path file = Path.of("target", "benchmark", "end-to-end.json");
    Files.createDirectories(file.getParent());
    Files.writeString(
        file, BenchHttp.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results));
    System.out.println("BENCHMARK end-to-end (" + file.toAbsolutePath() + "):");
    System.out.println(BenchHttp.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results));
    stack.run(Duration.ofMinutes(2), "down");
    stack.run(Duration.ofMinutes(2), "reset");
  }

  @Test
  void onboardingChangesSteadyStateAndResources() {
    for (int i = 0; i < sizes.size(); i++) {
      int size = sizes.get(i);
      boolean largest = i == sizes.size() - 1;
      boolean first = i == 0;
      BenchTenant tenant = BenchTenant.seed(apis, http, stack, "b" + size, size);
      Map<String, long[]> cpuBefore = cpuTicks();
      CompletableFuture<ObjectNode> underBulk =
          largest
              ? CompletableFuture.supplyAsync(() -> changesDuringBulk(tenant))
              : CompletableFuture.completedFuture(null);
      ObjectNode onboarding = onboard(tenant);
      results.set("onboarding" + size, onboarding);
      if (largest) {
        results.set("changesUnderBulk" + size, underBulk.join());
        results.set(
            "resourcesAtEndOf" + size, resources(cpuBefore, onboarding.get("writes").asLong()));
        results.set("steadyStateResync" + size, resync(tenant));
      }
      if (first) {
        results.set("changesAlone" + size, changes(tenant, "alone", 500));
      }
      print(size);
    }
  }

  /** Onboards the tenant as an admin would and times it until Gmail holds every signature. */
  private ObjectNode onboard(BenchTenant tenant) {
    long unitsBefore = patchCalls();
    Instant started = Instant.now();
    tenant.onboard(TEMPLATE);
    Instant onboarded = Instant.now();
    long expected = tenant.eligibleAddresses();
    Instant deadline = started.plus(Duration.ofSeconds(120 + (long) (3 * floorSeconds(expected))));
    Map<String, Long> counts;
    while (true) {
      counts = tenant.pushCounts();
      if (counts.getOrDefault("APPLIED", 0L) >= expected) {
        break;
      }
      assertThat(Instant.now()).as("still %s after the deadline", counts).isBefore(deadline);
      BenchHttp.sleep(500);
    }
    writes.catchUp();
    Instant last = writes.lastWriteOf(tenant.domain);
    double wall = Duration.between(started, last).toMillis() / 1000.0;
    double floorUsers = floorSeconds(tenant.users);
    double floorWrites = floorSeconds(expected);
    ObjectNode result = BenchHttp.JSON.createObjectNode();
    result.put("users", tenant.users);
    result.put("eligibleAddresses", expected);
    result.put("writes", writes.writesOfDomain(tenant.domain));
    result.put("counts", counts.toString());
    result.put("onboardingApiSeconds", Duration.between(started, onboarded).toMillis() / 1000.0);
    result.put("wallSeconds", wall);
    result.put("floorSeconds", floorUsers);
    result.put("ratioToFloor", round(wall / floorUsers));
    result.put("floorOfWritesSeconds", floorWrites);
    result.put("ratioToFloorOfWrites", round(wall / floorWrites));
    result.put("target", "<= 1.1 x floor");
    result.put("sendAsPatchCalls", patchCalls() - unitsBefore);
    result.put(
        "emulatorOperations",
        http.get(stack.url(LocalStackRun.EMULATOR) + "/emulator/v1/stats").get("operations"));
    assertThat(result.get("writes").asLong())
        .as("every eligible address written")
        .isGreaterThanOrEqualTo(expected);
    return result;
  }

  /** Single-user title changes during the tenant's bulk push, once push-service holds all of it. */
  private ObjectNode changesDuringBulk(BenchTenant tenant) {
    // the bulk is under way when push-service holds every target and has written a tenth of them
    Instant deadline = Instant.now().plus(Duration.ofMinutes(15));
    while (true) {
      if (tenant.ready()) {
        long expected = tenant.eligibleAddresses();
        Map<String, Long> counts = tenant.pushCounts();
        long known = counts.values().stream().mapToLong(Long::longValue).sum();
        if (known >= expected && counts.getOrDefault("APPLIED", 0L) >= expected / 10) {
          break;
        }
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("the bulk push never got under way");
      }
      BenchHttp.sleep(1000);
    }
    long appliedBefore = tenant.pushCounts().getOrDefault("APPLIED", 0L);
    ObjectNode result = changes(tenant, "under bulk", 1200);
    result.put("bulkAppliedAtFirstChange", appliedBefore);
    result.put("bulkAppliedAtLastChange", result.get("bulkAppliedAtEnd").asLong());
    result.put("bulkAddresses", tenant.eligibleAddresses());
    result.put("targetP95Seconds", 5);
    return result;
  }

  /**
   * {@code changes} users (each already holding its signature, not written in the last two seconds)
   * get a new title in the directory, one every {@code spacingMillis}; each is timed from the
   * change until Gmail took the new signature, then less the latency the emulator injected into the
   * calls on its way (its users.get and any token request for the user).
   */
  private ObjectNode changes(BenchTenant tenant, String label, long spacingMillis) {
    tenant.awaitWatchChannel();
    Instant phaseStart = Instant.now();
    List<BenchTenant.User> chosen = new ArrayList<>();
    List<Instant> changedAt = new ArrayList<>();
    int next = 0;
    for (int i = 0; i < changes; i++) {
      BenchTenant.User user;
      do {
        user = tenant.pushable.get(next++ % tenant.pushable.size());
      } while (!writes.writtenBefore(user.email(), Instant.now().minusSeconds(2))
          || chosen.contains(user));
      chosen.add(user);
      changedAt.add(Instant.now());
      tenant.changeTitle(user, "Benchmark " + label + " change " + i);
      BenchHttp.sleep(spacingMillis);
    }
    long appliedAtEnd = tenant.pushCounts().getOrDefault("APPLIED", 0L);
    Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
    List<Double> raw = new ArrayList<>();
    List<Instant> appliedAt = new ArrayList<>();
    for (int i = 0; i < chosen.size(); i++) {
      List<WriteLogTail.Write> after;
      while ((after = writes.writesOf(chosen.get(i).email(), changedAt.get(i))).isEmpty()) {
        assertThat(Instant.now()).as("change %d never reached Gmail", i).isBefore(deadline);
        BenchHttp.sleep(100);
      }
      appliedAt.add(after.get(0).at());
      raw.add(Duration.between(changedAt.get(i), after.get(0).at()).toMillis() / 1000.0);
    }
    Map<String, List<JsonNode>> injected = injectedSince(phaseStart);
    List<Double> excluding = new ArrayList<>();
    List<Double> toPush = new ArrayList<>();
    List<Double> inPush = new ArrayList<>();
    for (int i = 0; i < chosen.size(); i++) {
      BenchTenant.User user = chosen.get(i);
      Instant from = changedAt.get(i);
      Instant to = appliedAt.get(i);
      // directory-sync reads the user and its groups (as the admin, with a token it may fetch);
      // push-service may fetch a token for the user: each answer's injected delay is taken out
      List<JsonNode> reads =
          concat(injected.get("users.get"), injected.get("groups.list")).stream()
              .filter(e -> within(e, from, to))
              .filter(e -> names(e, user))
              .toList();
      Instant firstRead =
          reads.stream().map(EndToEndBenchmarkIT::at).min(Instant::compareTo).orElse(from);
      long millis =
          reads.stream().mapToLong(e -> e.get("millis").asLong()).sum()
              + injected.get("token").stream()
                  .filter(
                      e ->
                          (user.email().equals(e.path("subject").asText()) && within(e, from, to))
                              || (tenant.admin().equals(e.path("subject").asText())
                                  && within(e, from, firstRead)))
                  .mapToLong(e -> e.get("millis").asLong())
                  .sum();
      excluding.add(raw.get(i) - millis / 1000.0);
      Instant arrived = tenant.arrivedAtPush(user);
      toPush.add(Duration.between(from, arrived).toMillis() / 1000.0);
      inPush.add(Duration.between(arrived, to).toMillis() / 1000.0);
    }
    for (int i = 0; i < chosen.size(); i++) {
      assertThat(tenant.signature(chosen.get(i).email()))
          .as("Gmail holds the latest change of %s", chosen.get(i).email())
          .contains("Benchmark " + label + " change " + i);
    }
    ObjectNode result = BenchHttp.JSON.createObjectNode();
    result.put("changes", chosen.size());
    result.put("spacingMillis", spacingMillis);
    result.set("secondsExcludingInjectedLatency", percentiles(excluding));
    result.set("secondsIncludingInjectedLatency", percentiles(raw));
    result.set("secondsUntilPushServiceHadIt", percentiles(toPush));
    result.set("secondsInPushService", percentiles(inPush));
    result.put("targetP95Seconds", 2);
    result.put("bulkAppliedAtEnd", appliedAtEnd);
    return result;
  }

  /** A full sync of the unchanged tenant: what it read and emitted, and the Gmail writes after. */
  private ObjectNode resync(BenchTenant tenant) {
    writes.catchUp();
    int before = writes.writesOfDomain(tenant.domain);
    Instant started = Instant.now();
    JsonNode run = tenant.syncAndWait(Duration.ofMinutes(10));
    double syncSeconds = Duration.between(started, Instant.now()).toMillis() / 1000.0;
    BenchHttp.sleep(30_000); // time for anything emitted to pass render and push
    writes.catchUp();
    ObjectNode result = BenchHttp.JSON.createObjectNode();
    result.put("usersRead", run.get("usersRead").asLong());
    result.put("emittedNew", run.get("emittedNew").asLong());
    result.put("emittedChanged", run.get("emittedChanged").asLong());
    result.put("emittedDeleted", run.get("emittedDeleted").asLong());
    result.put("syncSeconds", syncSeconds);
    result.put("gmailWritesAfter", writes.writesOfDomain(tenant.domain) - before);
    result.put("target", 0);
    assertThat(result.get("gmailWritesAfter").asInt())
        .as("an unchanged tenant is not rewritten")
        .isZero();
    return result;
  }

  /** RSS, heap and CPU of each service; CPU per 1,000 signatures over the run just measured. */
  private ObjectNode resources(Map<String, long[]> cpuBefore, long signatures) {
    Map<String, long[]> cpuAfter = cpuTicks();
    ObjectNode result = BenchHttp.JSON.createObjectNode();
    double totalCpu = 0;
    for (String service : SERVICES) {
      long pid = pid(service);
      Map<String, Long> status = procStatus(pid);
      double cpuSeconds = (cpuAfter.get(service)[0] - cpuBefore.get(service)[0]) / 100.0;
      totalCpu += cpuSeconds;
      ObjectNode one = result.putObject(service);
      one.put("rssMiB", status.get("VmRSS") / 1024);
      one.put("peakRssMiB", status.get("VmHWM") / 1024);
      one.put("heapUsedMiB", heapUsed(service) / (1024 * 1024));
      one.put("cpuSeconds", cpuSeconds);
      one.put("cpuSecondsPer1000Signatures", round(cpuSeconds * 1000.0 / signatures));
    }
    long emulator = pid("workspace-emulator");
    result.put(
        "emulatorCpuSeconds",
        (cpuAfter.get("workspace-emulator")[0] - cpuBefore.get("workspace-emulator")[0]) / 100.0);
    result.put("emulatorRssMiB", procStatus(emulator).get("VmRSS") / 1024);
    result.put("servicesCpuSecondsPer1000Signatures", round(totalCpu * 1000.0 / signatures));
    result.put("targetRssMiB", 512);
    return result;
  }

  private Map<String, long[]> cpuTicks() {
    Map<String, long[]> ticks = new HashMap<>();
    for (String name : concat(SERVICES, "workspace-emulator")) {
      try {
        String stat = Files.readString(Path.of("/proc/" + pid(name) + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // after the command: state is field 3, utime 14 and stime 15 (1-based, man proc)
        ticks.put(name, new long[] {Long.parseLong(fields[11]) + Long.parseLong(fields[12])});
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return ticks;
  }

  private long pid(String name) {
    try {
      return Long.parseLong(Files.readString(stack.home.resolve("run/" + name + ".pid")).trim());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Long> procStatus(long pid) {
    try {
      return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
          .filter(line -> line.startsWith("VmRSS:") || line.startsWith("VmHWM:"))
          .collect(
              Collectors.toMap(
                  line -> line.substring(0, line.indexOf(':')),
                  line -> Long.parseLong(line.replaceAll("[^0-9]", ""))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private long heapUsed(String service) {
    int port =
        switch (service) {
          case "tenant-service" -> LocalStackRun.TENANT;
          case "directory-sync-service" -> LocalStackRun.DIRECTORY;
          case "render-service" -> LocalStackRun.RENDER;
          default -> LocalStackRun.PUSH;
        };
    String metrics = apis.metrics(port);
    return (long)
        metrics
            .lines()
            .filter(
                line -> line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\""))
            .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
            .sum();
  }

  private Map<String, List<JsonNode>> injectedSince(Instant since) {
    Map<String, List<JsonNode>> byOperation = new HashMap<>();
    for (String operation : List.of("users.get", "groups.list", "token")) {
      JsonNode entries =
          http.get(
                  stack.url(LocalStackRun.EMULATOR)
                      + "/emulator/v1/faults/injected-latency?limit=100000&operation="
                      + operation
                      + "&after="
                      + since)
              .get("entries");
      List<JsonNode> list = new ArrayList<>();
      entries.forEach(list::add);
      byOperation.put(operation, list);
    }
    return byOperation;
  }

  private static boolean within(JsonNode entry, Instant from, Instant to) {
    Instant at = at(entry);
    return !at.isBefore(from) && !at.isAfter(to);
  }

  private static Instant at(JsonNode entry) {
    return Instant.parse(entry.get("at").asText());
  }

  /** Whether a Directory call was about the user (its path or its userKey names them). */
  private static boolean names(JsonNode entry, BenchTenant.User user) {
    String uri =
        java.net.URLDecoder.decode(
            entry.get("uri").asText(), java.nio.charset.StandardCharsets.UTF_8);
    return uri.contains("/users/" + user.email())
        || uri.contains("/users/" + user.id())
        || uri.contains("userKey=" + user.email())
        || uri.contains("userKey=" + user.id());
  }

  private long patchCalls() {
    return http.get(stack.url(LocalStackRun.EMULATOR) + "/emulator/v1/stats")
        .path("operations")
        .path("sendAs.patch")
        .path("calls")
        .asLong();
  }

  private static double floorSeconds(long writes) {
    return round(writes * WRITE_COST * 60.0 / PROJECT_UNITS_PER_MINUTE);
  }

  private static ObjectNode percentiles(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    ObjectNode result = BenchHttp.JSON.createObjectNode();
    for (int p : new int[] {50, 95, 99}) {
      int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
      result.put("p" + p, round(sorted.get(Math.max(0, index))));
    }
    result.put("max", round(sorted.get(sorted.size() - 1)));
    return result;
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }

  private static <T> List<T> concat(List<T> list, T more) {
    List<T> all = new ArrayList<>(list);
    all.add(more);
    return all;
  }

  private static <T> List<T> concat(List<T> list, List<T> more) {
    List<T> all = new ArrayList<>(list);
    all.addAll(more);
    return all;
  }

  private void print(int size) {
    System.out.println("BENCHMARK after " + size + " users: " + results);
  }
}
