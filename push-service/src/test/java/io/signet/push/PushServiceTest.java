package io.signet.push;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.signet.emulator.http.FaultRequests;
import io.signet.emulator.state.EmulatedUser;
import io.signet.emulator.state.UserSpec;
import io.signet.events.RenderCause;
import io.signet.events.Topics;
import io.signet.google.GoogleScopes;
import io.signet.testing.KafkaTestClient;
import io.signet.testing.TenantOnboarding;
import io.signet.testing.TestEmulator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * push-service on real Kafka and PostgreSQL against the emulator, tokens from the real
 * tenant-service: the emulator's write log is the judge of what Gmail was sent.
 */
@QuarkusTest
@PushTestResources
class PushServiceTest {

  private static final Duration CONVERGE = Duration.ofSeconds(180);
  private static final Duration BULK_STALL = Duration.ofSeconds(30);

  @Test
  void everyAddressIsWrittenOnceReplaysWriteNothingAndQuickUpdatesCoalesce() throws Exception {
    TenantOnboarding tenant = new TenantOnboarding(999).activate();
    List<EmulatedUser> users = Signatures.renderable(tenant);
    List<EmulatedUser> withGmail = users.stream().filter(EmulatedUser::gmailEnabled).toList();
    List<EmulatedUser> withoutGmail = users.stream().filter(u -> !u.gmailEnabled()).toList();
    assertThat(withGmail.size()).isGreaterThan(900);
    assertThat(withoutGmail).isNotEmpty();
    int applied = Signatures.addresses(withGmail);

    try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
      kafka.sendAll(Signatures.records(tenant, users, "v1", RenderCause.RULE));
      Map<String, Object> counts =
          awaitCounts(tenant, c -> c.get("APPLIED") == applied && c.get("FAILED") > 0);
      assertThat(counts)
          .containsEntry("APPLIED", applied)
          .containsEntry("FAILED", Signatures.addresses(withoutGmail))
          .containsEntry("PENDING", 0)
          .containsEntry("RETRYING", 0);
      Map<String, Long> writes = Signatures.writesByAddress(tenant);
      assertThat(writes).hasSize(applied);
      assertThat(writes.values()).allMatch(count -> count == 1);
      EmulatedUser someone = withGmail.get(0);
      assertThat(Signatures.held(tenant, someone, someone.primaryEmail())).contains("v1");

      // a permanent error stops with Google's reason and is not tried again
      EmulatedUser noGmail = withoutGmail.get(0);
      Map<String, Object> failed = userTarget(tenant, noGmail);
      assertThat(failed)
          .containsEntry("state", "FAILED")
          .containsEntry("lastReason", "failedPrecondition")
          .containsEntry("attempts", 1);
      assertThat((String) failed.get("lastError")).contains("Mail service not enabled");

      // the same events again: no Gmail write
      long before = Signatures.writes(tenant).size();
      kafka.sendAll(Signatures.records(tenant, users, "v1", RenderCause.RULE));
      kafka.awaitConsumed("push-service", Topics.SIGNATURES, Duration.ofSeconds(60));
      await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> true);
      assertThat(Signatures.writes(tenant)).hasSize((int) before);
      assertThat(userTarget(tenant, noGmail)).containsEntry("attempts", 1);

      // three quick updates: the latest wins, with at most two writes
      EmulatedUser quick = withGmail.get(1);
      for (String version : List.of("v2", "v3", "v4")) {
        kafka.send(
            Topics.SIGNATURES,
            Topics.userKey(tenant.tenantId, quick.id()),
            Signatures.record(tenant, quick, version, RenderCause.DIRECTORY).value(),
            Map.of());
      }
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> Signatures.held(tenant, quick, quick.primaryEmail()).contains("v4"));
      await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> true);
      // v1 before, then at most two for v2..v4
      assertThat(Signatures.writesByAddress(tenant).get(quick.primaryEmail())).isBetween(2L, 3L);
      assertThat(userTarget(tenant, quick)).containsEntry("state", "APPLIED");

      // a retry on request tries the failed address once more, and fails the same way
      given()
          .auth()
          .oauth2(tenant.tenantToken)
          .contentType("application/json")
          .body(Map.of("userId", noGmail.id()))
          .post("/api/v1/tenants/" + tenant.tenantId + "/push/retries")
          .then()
          .statusCode(202);
      await().atMost(Duration.ofSeconds(20)).until(() -> failures(tenant, noGmail) == 2);
      assertThat(userTarget(tenant, noGmail))
          .containsEntry("state", "FAILED")
          .containsEntry("attempts", 1);
    }
  }

  /**
   * A user deleted in Google and created again under the same address is a new Google id with a
   * new, empty mailbox: the address is written again, and the old id's tombstone, arriving after
   * the new id's signature (another partition), does not take the address away.
   */
  @Test
  void anAddressOfARecreatedUserIsWrittenAgainWhateverTheOrderOfTheOldTombstone() throws Exception {
    TenantOnboarding tenant = new TenantOnboarding(3).activate();
    EmulatedUser old = Signatures.pushable(tenant).get(0);
    try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
      kafka.sendAll(List.of(Signatures.record(tenant, old, "v1", RenderCause.DIRECTORY)));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> Signatures.held(tenant, old, old.primaryEmail()).contains("v1"));

      tenant.google.deleteUser(old.id());
      EmulatedUser recreated =
          tenant.google.createUser(
              tenant.customerId,
              UserSpec.ofEmail(old.primaryEmail(), old.givenName(), old.familyName()));
      assertThat(recreated.id()).isNotEqualTo(old.id());
      var same = Signatures.record(tenant, recreated, "v1", RenderCause.DIRECTORY);
      kafka.sendAll(List.of(same));
      kafka.send(Topics.SIGNATURES, Topics.userKey(tenant.tenantId, old.id()), null, Map.of());

      await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .until(
              () ->
                  Signatures.held(tenant, recreated, old.primaryEmail()).contains("v1")
                      && "APPLIED".equals(userTarget(tenant, recreated).get("state")));
      kafka.awaitConsumed("push-service", Topics.SIGNATURES, Duration.ofSeconds(30));
      assertThat(userTarget(tenant, recreated)).containsEntry("state", "APPLIED");
      assertThat(Signatures.writesByAddress(tenant).get(old.primaryEmail())).isEqualTo(2L);
    }
  }

  @Test
  void a429StormSlowsThePaceAndEveryoneConverges() throws Exception {
    TenantOnboarding tenant = new TenantOnboarding(299).activate();
    List<EmulatedUser> users = Signatures.pushable(tenant);
    int addresses = Signatures.addresses(users);
    TestEmulator.instance()
        .controls()
        .setFaults(
            new FaultRequests.FaultsRequest(
                List.of(),
                List.of(
                    new FaultRequests.ErrorRateRequest(
                        "sendAs.patch", 429, "rateLimitExceeded", 0.7))));
    try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
      kafka.sendAll(Signatures.records(tenant, users, "storm", RenderCause.TEMPLATE));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> quotaRate(tenant.clientId) < quotaLimit(tenant.clientId) / 2);
    } finally {
      TestEmulator.instance().controls().clearFaults();
    }
    Map<String, Object> counts = awaitCounts(tenant, c -> c.get("APPLIED") == addresses);
    assertThat(counts).containsEntry("FAILED", 0).containsEntry("RETRYING", 0);
    assertThat(Signatures.writesByAddress(tenant)).hasSize(addresses);
    assertThat(Signatures.writesByAddress(tenant).values()).allMatch(count -> count == 1);
  }

  @Test
  void aSingleChangeGoesAheadOfAnOnboardingBulkOfItsOwnTenantAndOfAnotherSharingItsProject()
      throws Exception {
    TenantOnboarding bulk = new TenantOnboarding(9_999).activate();
    TenantOnboarding single = new TenantOnboarding(3, bulk).activate();
    List<EmulatedUser> bulkUsers = Signatures.pushable(bulk);
    EmulatedUser one =
        Signatures.renderable(single).stream()
            .filter(EmulatedUser::gmailEnabled)
            .findFirst()
            .orElseThrow();
    EmulatedUser early;
    try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
      // the other tenant's user has a signature already (a first one waits with bulk work)
      kafka.send(
          Topics.SIGNATURES,
          Topics.userKey(single.tenantId, one.id()),
          Signatures.record(single, one, "first", RenderCause.DIRECTORY).value(),
          Map.of());
      await()
          .atMost(CONVERGE)
          .until(() -> Signatures.held(single, one, one.primaryEmail()).contains("first"));
      // an onboarding: every user read by the first sync, so every render says DIRECTORY
      kafka.sendAll(Signatures.records(bulk, bulkUsers, "bulk", RenderCause.DIRECTORY));
      await().atMost(CONVERGE).until(() -> Signatures.writes(bulk).size() > 500);
      assertSingleChangeGoesAhead(kafka, single, one, bulk, bulkUsers, "another tenant's");
      // a user the bulk has already written
      early =
          Signatures.writes(bulk).stream()
              .flatMap(
                  write ->
                      bulkUsers.stream()
                          .filter(u -> u.primaryEmail().equalsIgnoreCase(write.sendAsEmail())))
              .findFirst()
              .orElseThrow();
      assertSingleChangeGoesAhead(kafka, bulk, early, bulk, bulkUsers, "its own tenant's");
    }
    awaitBulkApplied(bulk, Signatures.addresses(bulkUsers));
    assertThat(Signatures.writesByAddress(bulk).values())
        .as("every address once, the changed user's twice")
        .containsOnly(1L, 2L)
        .filteredOn(count -> count == 2)
        .hasSize(Signatures.addresses(List.of(early)));
  }

  private static void assertSingleChangeGoesAhead(
      KafkaTestClient kafka,
      TenantOnboarding tenant,
      EmulatedUser user,
      TenantOnboarding bulk,
      List<EmulatedUser> bulkUsers,
      String whose) {
    Instant sent = Instant.now();
    kafka.send(
        Topics.SIGNATURES,
        Topics.userKey(tenant.tenantId, user.id()),
        Signatures.record(tenant, user, "urgent", RenderCause.DIRECTORY).value(),
        Map.of());
    await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> Signatures.held(tenant, user, user.primaryEmail()).contains("urgent"));
    Duration took = Duration.between(sent, Instant.now());
    int bulkDone = Signatures.writes(bulk).size();
    assertThat(bulkDone)
        .as("the bulk was still under way when %s change was applied in %s", whose, took)
        .isLessThan(Signatures.addresses(bulkUsers) - 1000);
    System.out.printf(
        "%s single change applied in %d ms with %d of %d bulk writes done%n",
        whose, took.toMillis(), bulkDone, Signatures.addresses(bulkUsers));
  }

  @Test
  void aSuspendedTenantPausesAndResumesWhenActiveAgain() throws Exception {
    TenantOnboarding tenant = new TenantOnboarding(20).activate();
    List<EmulatedUser> users = Signatures.pushable(tenant);
    int addresses = Signatures.addresses(users);
    lifecycle(tenant, "suspend", "SUSPENDED");
    try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
      kafka.sendAll(Signatures.records(tenant, users, "later", RenderCause.RULE));
      awaitCounts(tenant, c -> c.get("PAUSED") == addresses);
    }
    assertThat(Signatures.writes(tenant)).isEmpty();
    lifecycle(tenant, "resume", "ACTIVE");
    awaitCounts(tenant, c -> c.get("APPLIED") == addresses);
  }

  @Test
  void aPushInFlightAcrossAPauseAndAResumeIsNotMadeTwice() throws Exception {
    TenantOnboarding tenant = new TenantOnboarding(20).activate();
    List<EmulatedUser> users = Signatures.pushable(tenant);
    int addresses = Signatures.addresses(users);
    // Gmail takes each write at once but answers 5 s later: the pushes are in flight throughout
    TestEmulator.instance()
        .controls()
        .setFaults(
            new FaultRequests.FaultsRequest(
                List.of(new FaultRequests.LatencyRequest("sendAs.patch", 5000, 5000)), List.of()));
    try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
      kafka.sendAll(Signatures.records(tenant, users, "once", RenderCause.RULE));
      await().atMost(CONVERGE).until(() -> !Signatures.writes(tenant).isEmpty());
      lifecycle(tenant, "suspend", "SUSPENDED");
      lifecycle(tenant, "resume", "ACTIVE");
    } finally {
      TestEmulator.instance().controls().clearFaults();
    }
    awaitCounts(tenant, c -> c.get("APPLIED") == addresses);
    assertThat(Signatures.writesByAddress(tenant)).hasSize(addresses);
    assertThat(Signatures.writesByAddress(tenant).values()).allMatch(count -> count == 1);
  }

  /** Suspends or resumes the tenant in tenant-service and waits until push-service knows. */
  private static void lifecycle(TenantOnboarding tenant, String action, String status) {
    String operator =
        TenantOnboarding.token(io.signet.testing.TenantServiceTestResource.operatorKey());
    TenantOnboarding.tenantService()
        .auth()
        .oauth2(operator)
        .post("/api/v1/tenants/" + tenant.tenantId + "/" + action)
        .then()
        .statusCode(200);
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> status.equals(status(tenant).get("tenantStatus")));
  }

  @Test
  @SuppressWarnings("unchecked")
  void aRevokedDelegationFailsWithItsReasonPausesTheTenantAndARetryResumesIt() throws Exception {
    TenantOnboarding tenant = new TenantOnboarding(30).activate();
    List<EmulatedUser> users = Signatures.pushable(tenant);
    int addresses = Signatures.addresses(users);
    tenant.google.removeDelegation(tenant.customerId, tenant.clientId);
    try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
      kafka.sendAll(Signatures.records(tenant, users, "granted", RenderCause.RULE));
      Map<String, Object> counts =
          awaitCounts(
              tenant, c -> c.get("FAILED") >= 1 && c.get("FAILED") + c.get("PAUSED") == addresses);
      // the first push to meet the refusal fails with it; the others wait, however many were
      // in flight at the time
      assertThat(counts.get("FAILED")).isEqualTo(1);
      assertThat(counts.get("PAUSED")).isEqualTo(addresses - 1);
    }
    Map<String, Object> status = status(tenant);
    assertThat(status.get("pausedReason")).isEqualTo("delegation-denied");
    List<Map<String, Object>> failures = (List<Map<String, Object>>) status.get("recentFailures");
    assertThat(failures).isNotEmpty();
    assertThat((String) failures.get(0).get("lastError")).contains("unauthorized_client");
    assertThat(Signatures.writes(tenant)).isEmpty();

    tenant.google.setDelegation(tenant.customerId, tenant.clientId, GoogleScopes.REQUIRED);
    given()
        .auth()
        .oauth2(tenant.tenantToken)
        .contentType("application/json")
        .body("{}")
        .post("/api/v1/tenants/" + tenant.tenantId + "/push/retries")
        .then()
        .statusCode(202);
    awaitCounts(tenant, c -> c.get("APPLIED") == addresses);
    assertThat(status(tenant).get("pausedReason")).isNull();
    assertThat(Signatures.writesByAddress(tenant).values()).allMatch(count -> count == 1);
  }

  @Test
  void theStatusApiRefusesOtherTenantsAndBadInput() throws Exception {
    TenantOnboarding tenant = new TenantOnboarding(0).activate();
    TenantOnboarding other = new TenantOnboarding(0).activate();
    given()
        .auth()
        .oauth2(other.tenantToken)
        .get("/api/v1/tenants/" + tenant.tenantId + "/push")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    given().get("/api/v1/tenants/" + tenant.tenantId + "/push").then().statusCode(401);
    given()
        .auth()
        .oauth2(tenant.tenantToken)
        .get("/api/v1/tenants/" + tenant.tenantId + "/push?failures=0")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    given()
        .auth()
        .oauth2(tenant.tenantToken)
        .contentType("application/json")
        .body("{\"userId\": 5, \"extra\": true}")
        .post("/api/v1/tenants/" + tenant.tenantId + "/push/retries")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    given()
        .auth()
        .oauth2(tenant.tenantToken)
        .get("/api/v1/tenants/" + tenant.tenantId + "/push/users/nobody")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  static Map<String, Object> status(TenantOnboarding tenant) {
    return given()
        .auth()
        .oauth2(tenant.tenantToken)
        .get("/api/v1/tenants/" + tenant.tenantId + "/push")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getMap("$");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> awaitCounts(
      TenantOnboarding tenant, java.util.function.Predicate<Map<String, Integer>> done) {
    return await()
        .atMost(CONVERGE)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> (Map<String, Object>) status(tenant).get("counts"),
            counts -> done.test((Map<String, Integer>) (Map<String, ?>) counts));
  }

  /**
   * Waits for a bulk of {@code addresses} to be applied. Its pace is the machine's (10,000 first
   * signatures take 2.5 minutes on a quiet 2-core machine, longer on a loaded one), so what is
   * asserted is that it finishes without a stall: the applied count must grow at least every {@link
   * #BULK_STALL}.
   */
  @SuppressWarnings("unchecked")
  static void awaitBulkApplied(TenantOnboarding tenant, int addresses) throws InterruptedException {
    int applied = -1;
    Instant moved = Instant.now();
    while (true) {
      Map<String, Integer> counts = (Map<String, Integer>) status(tenant).get("counts");
      int now = counts.get("APPLIED");
      if (now == addresses) {
        return;
      }
      if (now > applied) {
        applied = now;
        moved = Instant.now();
      }
      assertThat(Duration.between(moved, Instant.now()))
          .as("the bulk stalled at %s of %s applied: %s", applied, addresses, counts)
          .isLessThan(BULK_STALL);
      Thread.sleep(500);
    }
  }

  /** The user's status from the API: {@code targets} and {@code history}. */
  static io.restassured.path.json.JsonPath userStatus(TenantOnboarding tenant, EmulatedUser user) {
    return given()
        .auth()
        .oauth2(tenant.tenantToken)
        .get("/api/v1/tenants/" + tenant.tenantId + "/push/users/" + user.id())
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  static long failures(TenantOnboarding tenant, EmulatedUser user) {
    List<Map<String, Object>> history = userStatus(tenant, user).getList("history");
    return history.stream().filter(h -> "FAILED".equals(h.get("outcome"))).count();
  }

  static Map<String, Object> userTarget(TenantOnboarding tenant, EmulatedUser user) {
    List<Map<String, Object>> targets = userStatus(tenant, user).getList("targets");
    return targets.stream()
        .filter(t -> user.primaryEmail().equals(t.get("sendAsEmail")))
        .findFirst()
        .orElseThrow();
  }

  static double quotaRate(String project) {
    return metric("signet_push_quota_rate_units_per_minute", project);
  }

  static double quotaLimit(String project) {
    return metric("signet_push_quota_limit_units_per_minute", project);
  }

  private static double metric(String name, String project) {
    String body = given().get("/q/metrics").then().statusCode(200).extract().asString();
    return body.lines()
        .filter(line -> line.startsWith(name + "{") && line.contains("project=\"" + project + "\""))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElse(-1);
  }
}
