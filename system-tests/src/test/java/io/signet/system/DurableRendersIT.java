package io.signet.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * render-service's re-renders survive it: killed with SIGKILL half-way through re-rendering a
 * 10,000-user tenant, it finishes the same pass after {@code ./signet up} (every address on the new
 * template, none written twice), and a campaign that starts while it is stopped is in Gmail seconds
 * after it is back. The demo tenant gets 10,000 more users; the emulator's Gmail quota and
 * push-service's pacing are raised together so the bulks take seconds, not minutes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DurableRendersIT {

  private static final String DEMO = "C0demo01";
  private static final int EXTRA_USERS = 10_000;
  private static final long UNITS_PER_MINUTE = 3_000_000; // 500 writes/s
  private static final Pattern SAMPLE =
      Pattern.compile("A directory change on its way to Gmail: (\\S+)'s title");

  private final LocalStackRun stack =
      new LocalStackRun(
          Map.of(
              "SIGNET_PUSH_PROJECT_UNITS_PER_MINUTE",
              Long.toString(UNITS_PER_MINUTE),
              // small batches: the re-render lasts long enough to be killed half-way
              "SIGNET_RENDER_RERENDER_BATCH_SIZE",
              "50"));
  private final StackApis apis = new StackApis(stack);
  private final List<String> report = new ArrayList<>();

  @BeforeAll
  void up() {
    LocalStackRun.Result up = stack.run(Duration.ofMinutes(10), "up");
    assertThat(up.exitCode()).as(up.output()).isZero();
    Map<String, Object> quotas =
        new java.util.HashMap<>(
            apis.emulator()
                .get("/emulator/v1/quotas")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap(""));
    quotas.put("gmailUnitsPerMinutePerProject", UNITS_PER_MINUTE);
    apis.emulator().body(quotas).put("/emulator/v1/quotas").then().statusCode(200);
    apis.emulator()
        .body(Map.of("count", EXTRA_USERS, "seed", 17))
        .post("/emulator/v1/customers/" + DEMO + "/users/generate")
        .then()
        .statusCode(201);
    // a sync may be under way (409): the next one reads the new users
    LocalStackRun.awaitUntil(
        Duration.ofSeconds(60),
        () ->
            apis.directory(tenantToken())
                    .post("/api/v1/tenants/" + tenantId() + "/directory/syncs")
                    .statusCode()
                == 202);
    Instant started = Instant.now();
    // setup, not the property under test: a first signature of 10,000 users costs a token, a sendAs
    // list and a write each, slower on a loaded machine
    LocalStackRun.awaitUntil(Duration.ofMinutes(6), () -> apis.everyAddressHolds(DEMO, "<"));
    report.add(
        String.format(
            "%d more users synced and signed in %d s",
            EXTRA_USERS, Duration.between(started, Instant.now()).toSeconds()));
  }

  @AfterAll
  void down() {
    System.out.println("durable renders:\n  " + String.join("\n  ", report));
    stack.run(Duration.ofMinutes(2), "down");
    stack.run(Duration.ofMinutes(2), "reset");
  }

  @Test
  @Order(1)
  void aRerenderKilledHalfWayFinishesTheSamePassAfterTheRestart() {
    int addresses = apis.eligibleAddresses(DEMO);
    long mark = apis.writeMark();
    String marker = "Durable round " + Instant.now().toEpochMilli();
    Instant edited = Instant.now();
    apis.render(tenantToken())
        .body(
            Map.of(
                "source",
                "<b>{user.fullName}</b>{#if user.title}<br>{user.title}{/if}"
                    + "{#if campaign}<br>{campaign.banner}{/if}<br>"
                    + marker))
        .put(
            "/api/v1/tenants/" + tenantId() + "/templates/" + stack.saved().get("demo.template-id"))
        .then()
        .statusCode(200);

    JsonPath atKill = null;
    while (atKill == null) {
      JsonPath status = renders();
      assertThat(status.getString("state"))
          .as("the re-render ended before the kill")
          .isNotEqualTo("DONE");
      if ("RUNNING".equals(status.getString("state"))
          && Instant.parse(status.getString("requestedAt")).isAfter(edited.minusSeconds(5))
          && status.getInt("usersDone") >= 500) {
        atKill = status;
      } else {
        LocalStackRun.sleep(Duration.ofMillis(20));
      }
    }
    run("kill", "render-service");
    Instant killed = Instant.now();
    LocalStackRun.Result up = stack.run(Duration.ofMinutes(5), "up");
    assertThat(up.exitCode()).as(up.output()).isZero();

    LocalStackRun.awaitUntil(Duration.ofMinutes(3), () -> apis.everyAddressHolds(DEMO, marker));
    JsonPath after = renders();
    assertThat(after.getString("state")).isEqualTo("DONE");
    assertThat(after.getString("cause")).isEqualTo("TEMPLATE");
    assertThat(after.getString("startedAt"))
        .as("the pass the kill interrupted, resumed from its cursor, not a new one")
        .isEqualTo(atKill.getString("startedAt"));
    assertThat(Instant.parse(after.getString("finishedAt"))).isAfter(killed);
    assertThat(after.getInt("usersDone")).isEqualTo(atKill.getInt("usersTotal"));

    LocalStackRun.sleep(Duration.ofSeconds(3)); // nothing more may come
    Map<String, Long> writes =
        apis.writesAfter(mark).stream()
            .filter(address -> address.endsWith("@demo.test"))
            .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    // up changes one user's title once more: that address is written again, by design
    String sample = sample(up.output());
    Map<String, Long> twice =
        writes.entrySet().stream()
            .filter(e -> e.getValue() > (e.getKey().equals(sample) ? 2 : 1))
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    assertThat(twice).as("addresses written more than once").isEmpty();
    assertThat(writes).hasSize(addresses);
    report.add(
        String.format(
            "killed at %d/%d users, every one of %d addresses written once after the restart",
            atKill.getInt("usersDone"), atKill.getInt("usersTotal"), addresses));
  }

  @Test
  @Order(2)
  void aCampaignThatStartsWhileRenderServiceIsStoppedIsInGmailSecondsAfterTheRestart() {
    String address = firstEligibleAddress();
    // a graceful stop drains Kafka consumers and may take 15 s after a 10,000-user re-render: the
    // start is far enough ahead that it passes only once render-service is down
    Instant start = Instant.now().plusSeconds(45);
    apis.render(tenantToken())
        .body(
            Map.of(
                "name",
                "Launch",
                "bannerHtml",
                "<i>Launch week</i>",
                "start",
                start.toString(),
                "end",
                start.plus(Duration.ofHours(1)).toString(),
                "audience",
                Map.of("kind", "USER", "value", address)))
        .post("/api/v1/tenants/" + tenantId() + "/campaigns")
        .then()
        .statusCode(201);
    Instant stopping = Instant.now();
    run("stop", "render-service");
    report.add(
        String.format(
            "render-service stopped in %.1f s",
            Duration.between(stopping, Instant.now()).toMillis() / 1000.0));
    assertThat(Instant.now()).as("stopped before the start").isBefore(start);
    while (!Instant.now().isAfter(start.plusSeconds(1))) {
      LocalStackRun.sleep(Duration.ofMillis(200));
    }
    assertThat(apis.signature(address)).doesNotContain("Launch week");

    LocalStackRun.Result up = stack.run(Duration.ofMinutes(5), "up");
    assertThat(up.exitCode()).as(up.output()).isZero();
    Instant restarted = Instant.now();
    LocalStackRun.awaitUntil(
        Duration.ofSeconds(60), () -> apis.signature(address).contains("Launch week"));
    Duration took = Duration.between(restarted, Instant.now());
    report.add(
        String.format(
            "a campaign that started while render-service was stopped: in Gmail %.1f s after up",
            took.toMillis() / 1000.0));
    assertThat(took).isLessThan(Duration.ofSeconds(20));
  }

  private JsonPath renders() {
    return apis.render(tenantToken())
        .get("/api/v1/tenants/" + tenantId() + "/renders")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private String tenantId() {
    return stack.saved().getProperty("demo.tenant-id");
  }

  private String tenantToken() {
    Properties saved = stack.saved();
    return apis.token(saved.getProperty("demo.api-key"));
  }

  private static String sample(String upOutput) {
    Matcher matcher = SAMPLE.matcher(upOutput);
    assertThat(matcher.find()).as(upOutput).isTrue();
    return matcher.group(1);
  }

  private void run(String command, String component) {
    LocalStackRun.Result result = stack.run(Duration.ofMinutes(1), command, component);
    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  private String firstEligibleAddress() {
    return apis.users(DEMO).stream()
        .filter(StackApis::eligible)
        .map(user -> (String) user.get("primaryEmail"))
        .findFirst()
        .orElseThrow();
  }
}
