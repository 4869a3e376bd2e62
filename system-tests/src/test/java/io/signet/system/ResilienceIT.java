package io.signet.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.signet.events.EventRecords;
import io.signet.events.Topics;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Faults during a bulk push of the demo tenant (every address re-rendered by a template edit): each
 * service killed with SIGKILL and restarted, the Kafka broker killed and restarted, PostgreSQL
 * stopped and restarted, 20 % transient errors, a 429 storm. Each round ends with every eligible
 * address holding the latest rendering (nothing lost), no address left PENDING or RETRYING, and
 * Gmail writes bounded by the addresses plus what was in flight. The stack runs its own (embedded)
 * PostgreSQL so that it can be restarted, and paces pushes at 20 writes/s so each bulk lasts long
 * enough to be interrupted. Then the whole stack goes down and up again on its folder, and records
 * no consumer can process are dead-lettered while everyone else goes on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResilienceIT {

  private static final String DEMO = "C0demo01";
  private static final int WRITES_PER_SECOND = 20;

  /** push-service's workers: at most this many writes can be in flight when it dies. */
  private static final int IN_FLIGHT = 64;

  private final LocalStackRun stack =
      new LocalStackRun(
          Map.of(
              "SIGNET_DB_PORT",
              "1", // nothing answers there: the stack runs its own PostgreSQL
              "SIGNET_PUSH_PROJECT_UNITS_PER_MINUTE",
              Integer.toString(WRITES_PER_SECOND * 6000)));
  private final StackApis apis = new StackApis(stack);
  private final List<String> report = new ArrayList<>();
  private int round;

  @BeforeAll
  void up() {
    LocalStackRun.Result up = stack.run(Duration.ofMinutes(10), "up");
    assertThat(up.exitCode()).as(up.output()).isZero();
    assertThat(stack.saved().getProperty("postgres.mode")).isEqualTo("embedded");
    int extra = Integer.getInteger("signet.resilience.extra-users", 0);
    if (extra > 0) {
      // a larger bulk: more users in the demo Workspace, read by a sync, pushed before the rounds
      apis.emulator()
          .body(Map.of("count", extra, "seed", 7))
          .post("/emulator/v1/customers/" + DEMO + "/users/generate")
          .then()
          .statusCode(201);
      Properties saved = stack.saved();
      apis.directory(apis.token(saved.getProperty("demo.api-key")))
          .post("/api/v1/tenants/" + saved.getProperty("demo.tenant-id") + "/directory/syncs")
          .then()
          .statusCode(202);
      LocalStackRun.awaitUntil(
          Duration.ofSeconds(60 + 2L * extra / WRITES_PER_SECOND),
          () -> apis.everyAddressHolds(DEMO, "<"));
    }
  }

  @AfterAll
  void down() {
    System.out.println("resilience:\n  " + String.join("\n  ", report));
    stack.run(Duration.ofMinutes(2), "down");
    stack.run(Duration.ofMinutes(2), "reset");
  }

  @Test
  @Order(1)
  void nothingIsLostWhenAnyPartFailsDuringABulkPush() {
    for (String component :
        List.of(
            "push-service",
            "render-service",
            "directory-sync-service",
            "tenant-service",
            "kafka")) {
      bulkWith(
          "kill -9 " + component,
          () -> {
            run("kill", component);
            return "./signet up";
          });
    }
    bulkWith(
        "PostgreSQL stopped and restarted",
        () -> {
          run("stop", "postgres");
          return "./signet up";
        });
    bulkWith(
        "20 % transient errors",
        () -> {
          faults(503, "backendError", 0.2);
          return null;
        });
    bulkWith(
        "429 storm (70 % for 10 s)",
        () -> {
          // a storm passes: Google's 429s come with the load, not forever
          faults(429, "rateLimitExceeded", 0.7);
          sleep(Duration.ofSeconds(10));
          apis.emulator().delete("/emulator/v1/faults").then().statusCode(204);
          return null;
        });
  }

  /**
   * {@code down}, then {@code up} on the same folder: the tenant, its template and rules are kept
   * (PostgreSQL), while the emulator starts as a new Google (its data is in memory) that the tenant
   * is delegated and verified against again; every eligible address of the new Gmail then holds the
   * latest template.
   */
  @Test
  @Order(2)
  void aWholeDownAndUpResumesTheFolder() {
    Properties before = stack.saved();
    LocalStackRun.Result down = stack.run(Duration.ofMinutes(2), "down");
    assertThat(down.exitCode()).as(down.output()).isZero();
    assertThat(stack.anyPortAnswers()).as("a port of the stack still answers").isFalse();

    LocalStackRun.Result up = stack.run(Duration.ofMinutes(10), "up");
    assertThat(up.exitCode()).as(up.output()).isZero();
    assertThat(up.output())
        .contains("verification against Google:")
        .contains("every eligible signature applied");
    Properties after = stack.saved();
    assertThat(after.getProperty("demo.tenant-id")).isEqualTo(before.getProperty("demo.tenant-id"));
    assertThat(after.getProperty("demo.template-id"))
        .isEqualTo(before.getProperty("demo.template-id"));
    assertThat(apis.everyAddressHolds(DEMO, "Resilience round " + round)).isTrue();
    report.add(
        String.format(
            "%-36s every address signed, up took %d s", "down, then up", up.took().toSeconds()));
  }

  /**
   * A record no consumer can process on each consumed topic, as a broken producer would write it:
   * each consuming service dead-letters it (six in all: signet.tenants is read by three services)
   * and goes on, so the next template edit still reaches every eligible address, every service
   * stays ready, and after a kill -9 of render-service nothing is dead-lettered again or stuck.
   */
  @Test
  @Order(3)
  void recordsNoConsumerCanProcessAreDeadLetteredAndEveryoneElseGoesOn() throws Exception {
    String bootstrap = "127.0.0.1:" + URI.create(stack.url(LocalStackRun.KAFKA)).getPort();
    try (KafkaProducer<String, String> producer =
        EventRecords.producer(Map.of("bootstrap.servers", bootstrap))) {
      for (String topic :
          List.of(Topics.TENANTS, Topics.DIRECTORY_USERS, Topics.SEND_AS, Topics.SIGNATURES)) {
        String key =
            topic.equals(Topics.TENANTS) ? "t-poisoned" : Topics.userKey("t-poisoned", "u1");
        producer.send(new ProducerRecord<>(topic, key, "{not json")).get(15, TimeUnit.SECONDS);
      }
    }
    Map<Integer, Integer> expected =
        Map.of(LocalStackRun.DIRECTORY, 1, LocalStackRun.RENDER, 3, LocalStackRun.PUSH, 2);

    String marker = "Dead letters round";
    editTemplate(marker);
    LocalStackRun.awaitUntil(Duration.ofSeconds(120), () -> apis.everyAddressHolds(DEMO, marker));
    expected.forEach(
        (port, count) -> {
          assertThat(openDeadLetters(port)).as("dead letters on port %d", port).hasSize(count);
          assertThat(openDeadLetters(port))
              .allSatisfy(
                  letter -> {
                    assertThat(letter).containsEntry("reason", "not-json");
                    assertThat(letter.get("key").toString()).startsWith("t-poisoned");
                  });
          assertReady(port);
        });

    run("kill", "render-service");
    LocalStackRun.Result up = stack.run(Duration.ofMinutes(10), "up");
    assertThat(up.exitCode()).as(up.output()).isZero();
    String after = "Dead letters round, after a restart";
    editTemplate(after);
    LocalStackRun.awaitUntil(Duration.ofSeconds(120), () -> apis.everyAddressHolds(DEMO, after));
    expected.forEach(
        (port, count) -> {
          assertThat(openDeadLetters(port)).as("after a restart, port %d", port).hasSize(count);
          assertReady(port);
        });
    LocalStackRun.Result listed = stack.run(Duration.ofMinutes(1), "dead-letters");
    assertThat(listed.exitCode()).as(listed.output()).isZero();
    assertThat(listed.output()).contains("6 open dead letter(s)").contains("t-poisoned/u1");
    report.add(
        String.format(
            "%-36s 6 dead-lettered, every address signed after, also after kill -9 render",
            "records no consumer can process"));
  }

  private List<Map<String, Object>> openDeadLetters(int port) {
    return given()
        .baseUri(stack.url(port))
        .auth()
        .oauth2(apis.operatorToken())
        .get("/api/v1/dead-letters")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items");
  }

  private void assertReady(int port) {
    given()
        .baseUri(stack.managementUrl(port))
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"));
  }

  /**
   * Edits the demo template (every eligible address must be written once more), lets a sixth of the
   * bulk be written, injects the fault (restarting what it stopped), then waits until the latest
   * rendering is everywhere.
   */
  private void bulkWith(String fault, Supplier<String> inject) {
    round++;
    String marker = "Resilience round " + round;
    int addresses = apis.eligibleAddresses(DEMO);
    long mark = apis.writeMark();
    editTemplate(marker);
    LocalStackRun.awaitUntil(Duration.ofSeconds(60), () -> demoWritesAfter(mark) >= addresses / 6);
    int writtenAtFault = demoWritesAfter(mark);
    Instant faulted = Instant.now();
    String restart = inject.get();
    if (restart != null) {
      sleep(Duration.ofSeconds(2));
      LocalStackRun.Result up = stack.run(Duration.ofMinutes(5), "up");
      assertThat(up.exitCode()).as(fault + ": ./signet up\n" + up.output()).isZero();
    }
    LocalStackRun.awaitUntil(Duration.ofMinutes(4), () -> apis.everyAddressHolds(DEMO, marker));
    Duration converged = Duration.between(faulted, Instant.now());
    apis.emulator().delete("/emulator/v1/faults").then().statusCode(204);
    LocalStackRun.awaitUntil(Duration.ofSeconds(60), this::nothingWaits);
    sleep(Duration.ofSeconds(2));
    int writes = demoWritesAfter(mark);
    // up's own demo (a title change of one user) adds one write when the stack was restarted
    int allowed = addresses + IN_FLIGHT + (restart != null ? 1 : 0);
    report.add(
        String.format(
            "%-36s %d addresses, %d written when it struck, converged %.1f s after, %d writes (≤ %d)",
            fault, addresses, writtenAtFault, converged.toMillis() / 1000.0, writes, allowed));
    assertThat(writes).as(fault + ": Gmail writes").isBetween(addresses, allowed);
    Map<String, Object> counts = pushCounts();
    assertThat(counts).as(fault).containsEntry("PENDING", 0).containsEntry("RETRYING", 0);
  }

  private void run(String command, String component) {
    LocalStackRun.Result result = stack.run(Duration.ofMinutes(1), command, component);
    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  private void faults(int status, String reason, double rate) {
    apis.emulator()
        .body(
            Map.of(
                "errorRates",
                List.of(
                    Map.of(
                        "operation",
                        "sendAs.patch",
                        "status",
                        status,
                        "reason",
                        reason,
                        "rate",
                        rate))))
        .put("/emulator/v1/faults")
        .then()
        .statusCode(200);
  }

  private void editTemplate(String marker) {
    Properties saved = stack.saved();
    String tenant = apis.token(saved.getProperty("demo.api-key"));
    apis.render(tenant)
        .body(
            Map.of(
                "source",
                "<b>{user.fullName}</b>{#if user.title}<br>{user.title}{/if}<br>" + marker))
        .put(
            "/api/v1/tenants/"
                + saved.getProperty("demo.tenant-id")
                + "/templates/"
                + saved.getProperty("demo.template-id"))
        .then()
        .statusCode(200);
  }

  private int demoWritesAfter(long mark) {
    return (int) apis.writesAfter(mark).stream().filter(a -> a.endsWith("@demo.test")).count();
  }

  private boolean nothingWaits() {
    Map<String, Object> counts = pushCounts();
    return Integer.valueOf(0).equals(counts.get("PENDING"))
        && Integer.valueOf(0).equals(counts.get("RETRYING"));
  }

  private Map<String, Object> pushCounts() {
    Properties saved = stack.saved();
    return apis.push(apis.token(saved.getProperty("demo.api-key")))
        .get("/api/v1/tenants/" + saved.getProperty("demo.tenant-id") + "/push")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getMap("counts");
  }

  private static void sleep(Duration duration) {
    LocalStackRun.sleep(duration);
  }
}
