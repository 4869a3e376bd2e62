package io.signet.push;

import static io.restassured.RestAssured.given;
import static io.signet.push.PushServiceTest.awaitCounts;
import static io.signet.push.PushServiceTest.quotaLimit;
import static io.signet.push.PushServiceTest.quotaRate;
import static io.signet.push.PushServiceTest.status;
import static io.signet.push.PushServiceTest.userStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.signet.emulator.http.FaultRequests;
import io.signet.emulator.state.AccountTroubles;
import io.signet.emulator.state.EmulatedUser;
import io.signet.emulator.state.UserSpec;
import io.signet.emulator.state.WriteLogEntry;
import io.signet.events.EventRecords;
import io.signet.events.RenderCause;
import io.signet.events.SignatureRendered;
import io.signet.events.Topics;
import io.signet.testing.KafkaTestClient;
import io.signet.testing.TenantOnboarding;
import io.signet.testing.TestEmulator;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One user's trouble stays that user's (issue 16): Google refusing one user's account, one user's
 * rate limit, front-end error pages and a skewed clock, on real Kafka, PostgreSQL, tenant-service
 * and the emulator. None pauses the tenant; only the user's own addresses are touched.
 */
@QuarkusTest
@PushTestResources
class OneUsersTroubleTest {

  private static final Duration CONVERGE = Duration.ofSeconds(180);

  @AfterEach
  void clearFaults() {
    TestEmulator.instance().controls().clearFaults();
    TestEmulator.instance().controls().setTokenClockOffset(Duration.ZERO);
  }

  @Test
  void aUserDeletedInTheMiddleOfABulkPushFailsWithGooglesReasonAndTheTenantCarriesOn()
      throws Exception {
    TenantOnboarding tenant = new TenantOnboarding(120).activate();
    List<EmulatedUser> users = Signatures.pushable(tenant);
    int addresses = Signatures.addresses(users);
    // slow Gmail down so that the bulk is still under way when the user goes
    TestEmulator.instance()
        .controls()
        .setFaults(
            new FaultRequests.FaultsRequest(
                List.of(new FaultRequests.LatencyRequest("sendAs.patch", 1000, 1000)), List.of()));
    AtomicBoolean paused = new AtomicBoolean();
    EmulatedUser deleted;
    try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
      kafka.sendAll(Signatures.records(tenant, users, "bulk", RenderCause.TEMPLATE));
      await().atMost(CONVERGE).until(() -> Signatures.writes(tenant).size() >= 10);
      List<String> written =
          Signatures.writes(tenant).stream().map(WriteLogEntry::userId).distinct().toList();
      // one of the last users in line (the bulk goes in order), with aliases if one has some
      deleted =
          users.subList(users.size() - 20, users.size()).stream()
              .filter(user -> !written.contains(user.id()))
              .max(java.util.Comparator.comparingInt(user -> Signatures.sendAsAliases(user).size()))
              .orElseThrow();
      tenant.google.deleteUser(deleted.id());
      int deletedAddresses = Signatures.addresses(List.of(deleted));

      Map<String, Integer> counts =
          await()
              .atMost(CONVERGE)
              .pollInterval(Duration.ofMillis(200))
              .until(
                  () -> {
                    Map<String, Object> now = status(tenant);
                    paused.compareAndSet(false, now.get("pausedReason") != null);
                    @SuppressWarnings("unchecked")
                    Map<String, Integer> c = (Map<String, Integer>) now.get("counts");
                    paused.compareAndSet(false, c.get("PAUSED") > 0);
                    return c;
                  },
                  c -> c.get("APPLIED") + c.get("FAILED") == addresses);
      assertThat(counts)
          .containsEntry("APPLIED", addresses - deletedAddresses)
          .containsEntry("FAILED", deletedAddresses)
          .containsEntry("PAUSED", 0);
    }
    assertThat(paused).as("the tenant was never paused").isFalse();
    Map<String, Object> tenantStatus = status(tenant);
    assertThat(tenantStatus.get("pausedReason")).isNull();
    assertThat(tenantStatus.get("tenantStatus")).isEqualTo("ACTIVE");
    List<Map<String, Object>> targets = userStatus(tenant, deleted).getList("targets");
    assertThat(targets).hasSize(1 + Signatures.sendAsAliases(deleted).size());
    assertThat(targets)
        .allSatisfy(
            target -> {
              assertThat(target.get("state")).isEqualTo("FAILED");
              assertThat(target.get("lastReason")).isEqualTo("subject-refused");
              assertThat((String) target.get("lastError"))
                  .contains("invalid_grant")
                  .contains("The account has been deleted");
            });
    assertThat(Signatures.writesByAddress(tenant)).hasSize(addresses - targets.size());
  }

  @Test
  void aUsersRateLimitDelaysAllOfThatUsersAddressesAloneAndLeavesTheProjectsPace()
      throws Exception {
    TenantOnboarding tenant = new TenantOnboarding(30).activate();
    EmulatedUser limited =
        tenant.google.createUser(
            tenant.customerId,
            new UserSpec(
                "una.limit@" + tenant.domain,
                "Una",
                "Limit",
                null,
                null,
                null,
                null,
                null,
                List.of(
                    "una@" + tenant.domain, "u.limit@" + tenant.domain, "sales@" + tenant.domain),
                null,
                null,
                null,
                null,
                null,
                null,
                // every alias is a sendAs, so each address takes a signature
                List.of(
                    "una@" + tenant.domain, "u.limit@" + tenant.domain, "sales@" + tenant.domain)));
    List<EmulatedUser> users = Signatures.pushable(tenant);
    List<EmulatedUser> others =
        users.stream().filter(user -> !user.id().equals(limited.id())).toList();
    int addresses = Signatures.addresses(users);
    try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
      kafka.sendAll(Signatures.records(tenant, users, "v1", RenderCause.TEMPLATE));
      awaitCounts(tenant, c -> c.get("APPLIED") == addresses);
      double limit = quotaLimit(tenant.clientId);
      assertThat(quotaRate(tenant.clientId)).isEqualTo(limit);

      // Google holds the user at the limit; a change of the primary address alone meets it
      Instant limitedAt = Instant.now();
      Instant until = limitedAt.plusSeconds(20).truncatedTo(ChronoUnit.MILLIS);
      tenant.google.limitUser(limited.id(), until);
      kafka.sendAll(List.of(record(tenant, limited, "v2", "v1")));
      await().atMost(Duration.ofSeconds(30)).until(() -> refused(tenant, limited) == 1);

      // then every address of the user changes, and every other user too
      kafka.sendAll(List.of(record(tenant, limited, "v3", "v3")));
      kafka.sendAll(Signatures.records(tenant, others, "v3", RenderCause.TEMPLATE));
      int otherAddresses = Signatures.addresses(others);
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> writesOf(tenant, others, "v3") == otherAddresses);
      assertThat(Instant.now())
          .as("the other users were applied while the user was held")
          .isBefore(until);
      assertThat(refused(tenant, limited))
          .as("none of the user's other addresses was tried before Retry after")
          .isEqualTo(1);
      assertThat(quotaRate(tenant.clientId))
          .as("the project's pace is not cut for a user's limit")
          .isEqualTo(limit);

      awaitCounts(tenant, c -> c.get("APPLIED") == addresses);
      List<WriteLogEntry> late =
          Signatures.writes(tenant).stream()
              .filter(write -> write.userId().equals(limited.id()))
              .filter(write -> write.at().isAfter(limitedAt))
              .toList();
      assertThat(late).hasSize(1 + Signatures.sendAsAliases(limited).size());
      assertThat(late).allSatisfy(write -> assertThat(write.at()).isAfterOrEqualTo(until));
      assertThat(refused(tenant, limited)).isEqualTo(1);
      assertThat(Signatures.held(tenant, limited, "sales@" + tenant.domain)).contains("v3");
      assertThat(quotaRate(tenant.clientId)).isEqualTo(limit);
      assertThat(metric("signet_push_user_rate_limited_total", "tenant", tenant.tenantId))
          .isEqualTo(1);
      assertThat(status(tenant).get("pausedReason")).isNull();
    }
  }

  @Test
  void htmlGatewayPagesAndAProxysHtml403AreRetriedAndNeverPauseTheTenant() throws Exception {
    TenantOnboarding tenant = new TenantOnboarding(10).activate();
    List<EmulatedUser> users = Signatures.pushable(tenant);
    int addresses = Signatures.addresses(users);
    var controls = TestEmulator.instance().controls();
    controls.failNext(
        new FaultRequests.NextFailureRequest("sendAs.patch", 2, 502, "bad", null, "html"));
    controls.failNext(
        new FaultRequests.NextFailureRequest("sendAs.patch", 2, 503, "bad", null, "html"));
    controls.failNext(
        new FaultRequests.NextFailureRequest("sendAs.patch", 3, 403, "proxy", null, "html"));
    controls.failNext(new FaultRequests.NextFailureRequest("token", 2, 403, "proxy", null, "html"));
    long errorsBefore = errors("sendAs.patch") + errors("token");
    try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
      kafka.sendAll(Signatures.records(tenant, users, "through", RenderCause.TEMPLATE));
      Map<String, Object> counts = awaitCounts(tenant, c -> c.get("APPLIED") == addresses);
      assertThat(counts).containsEntry("FAILED", 0).containsEntry("PAUSED", 0);
    }
    assertThat(errors("sendAs.patch") + errors("token") - errorsBefore)
        .as("every injected page was answered")
        .isEqualTo(9);
    assertThat(status(tenant).get("pausedReason")).isNull();
    assertThat(metric("signet_push_retries_total", "tenant", tenant.tenantId)).isGreaterThan(0);
    assertThat(Signatures.writesByAddress(tenant).values()).allMatch(count -> count == 1);
  }

  @Test
  void aSkewedClockIsRetriedWithBackoffAndCountedNeverFailedNorPaused() throws Exception {
    TenantOnboarding tenant = new TenantOnboarding(5).activate();
    List<EmulatedUser> users = Signatures.pushable(tenant);
    int addresses = Signatures.addresses(users);
    double before = metric("signet_push_clock_skew_total", null, null);
    TestEmulator.instance().controls().setTokenClockOffset(Duration.ofHours(2));
    try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
      kafka.sendAll(Signatures.records(tenant, users, "skewed", RenderCause.TEMPLATE));
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> metric("signet_push_clock_skew_total", null, null) >= before + addresses);
      // retried, with backoff: far fewer tries than a tight loop would make in that time
      Thread.sleep(4000);
      Map<String, Object> during = status(tenant);
      @SuppressWarnings("unchecked")
      Map<String, Integer> counts = (Map<String, Integer>) during.get("counts");
      assertThat(counts).containsEntry("FAILED", 0).containsEntry("PAUSED", 0);
      assertThat(counts.get("RETRYING")).isEqualTo(addresses);
      assertThat(during.get("pausedReason")).isNull();
      double tries = metric("signet_push_clock_skew_total", null, null) - before;
      assertThat(tries).as("backoff, not a tight loop").isLessThan(addresses * 10.0);
      EmulatedUser someone = users.get(0);
      assertThat(PushServiceTest.userTarget(tenant, someone))
          .containsEntry("state", "RETRYING")
          .containsEntry("lastReason", "clock-skew")
          .containsEntry("attempts", 0);

      TestEmulator.instance().controls().setTokenClockOffset(Duration.ZERO);
      Map<String, Object> after = awaitCounts(tenant, c -> c.get("APPLIED") == addresses);
      assertThat(after).containsEntry("FAILED", 0);
    }
    assertThat(status(tenant).get("pausedReason")).isNull();
  }

  @Test
  void aRestrictedUsersAddressesFailAndAreWrittenOnceOnTheUsersNextDirectoryChange()
      throws Exception {
    TenantOnboarding tenant = new TenantOnboarding(6).activate();
    List<EmulatedUser> users = Signatures.pushable(tenant);
    int addresses = Signatures.addresses(users);
    EmulatedUser restricted =
        users.stream()
            .max(java.util.Comparator.comparingInt(user -> Signatures.sendAsAliases(user).size()))
            .orElseThrow();
    EmulatedUser other =
        users.stream().filter(user -> !user.id().equals(restricted.id())).findFirst().orElseThrow();
    int restrictedAddresses = Signatures.addresses(List.of(restricted));
    tenant.google.setStanding(restricted.id(), AccountTroubles.Standing.RESTRICTED);
    try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
      kafka.sendAll(Signatures.records(tenant, users, "v1", RenderCause.TEMPLATE));
      Map<String, Object> counts =
          awaitCounts(
              tenant, c -> c.get("APPLIED") + c.get("FAILED") == addresses && c.get("FAILED") > 0);
      assertThat(counts)
          .containsEntry("APPLIED", addresses - restrictedAddresses)
          .containsEntry("FAILED", restrictedAddresses);
      List<Map<String, Object>> failed = userStatus(tenant, restricted).getList("targets");
      assertThat(failed)
          .hasSize(restrictedAddresses)
          .allSatisfy(
              target -> {
                assertThat(target.get("state")).isEqualTo("FAILED");
                assertThat(target.get("lastReason")).isEqualTo("subject-refused");
                assertThat((String) target.get("lastError"))
                    .contains("access_denied")
                    .contains("Account restricted");
              });
      assertThat(Signatures.writesByAddress(tenant)).hasSize(addresses - restrictedAddresses);

      // Google lifts the restriction; the user's next directory change renders the same signature
      // (render-service publishes it, cause DIRECTORY), and another user's does too, and the
      // tenant's unchanged re-render arrives
      tenant.google.setStanding(restricted.id(), AccountTroubles.Standing.GOOD);
      kafka.sendAll(
          List.of(
              Signatures.record(tenant, restricted, "v1", RenderCause.DIRECTORY),
              Signatures.record(tenant, other, "v1", RenderCause.DIRECTORY)));
      kafka.sendAll(
          Signatures.records(
              tenant,
              users.stream().filter(user -> !user.id().equals(restricted.id())).toList(),
              "v1",
              RenderCause.TEMPLATE));
      Map<String, Object> after = awaitCounts(tenant, c -> c.get("APPLIED") == addresses);
      assertThat(after).containsEntry("FAILED", 0).containsEntry("PAUSED", 0);
      kafka.awaitConsumed("push-service", Topics.SIGNATURES, Duration.ofSeconds(60));
      Thread.sleep(2000); // time for any further write to happen
    }
    Map<String, Long> writes = Signatures.writesByAddress(tenant);
    assertThat(writes).hasSize(addresses);
    assertThat(writes.values())
        .as("every address written once: the restricted user's after the change, no other again")
        .allMatch(count -> count == 1);
    assertThat(Signatures.held(tenant, restricted, restricted.primaryEmail())).contains("v1");
    assertThat(userStatus(tenant, restricted).getList("targets", Map.class))
        .allSatisfy(target -> assertThat(target.get("state")).isEqualTo("APPLIED"));
    assertThat(status(tenant).get("pausedReason")).isNull();
  }

  /** The user's signature: {@code primary} on the primary address, {@code aliases} on the rest. */
  private static ProducerRecord<String, String> record(
      TenantOnboarding tenant, EmulatedUser user, String primary, String aliases) {
    List<SignatureRendered.Target> targets = new ArrayList<>();
    // the markup of Signatures.record, so that unchanged text is unchanged content
    String primaryHtml =
        "<div dir=\"auto\"><b>" + user.fullName() + "</b><br>" + primary + "</div>";
    String aliasHtml = "<div dir=\"auto\"><b>" + user.fullName() + "</b><br>" + aliases + "</div>";
    targets.add(
        new SignatureRendered.Target(
            user.primaryEmail(), primaryHtml, Signatures.sha256(primaryHtml)));
    Signatures.sendAsAliases(user)
        .forEach(
            alias ->
                targets.add(
                    new SignatureRendered.Target(alias, aliasHtml, Signatures.sha256(aliasHtml))));
    SignatureRendered event =
        new SignatureRendered(
            UUID.randomUUID().toString(),
            Instant.now(),
            SignatureRendered.SCHEMA_VERSION,
            tenant.tenantId,
            user.id(),
            targets,
            "template-1",
            1,
            RenderCause.DIRECTORY,
            List.of());
    return EventRecords.of(event, Topics.userKey(tenant.tenantId, user.id()), "/signet/tests");
  }

  private static long refused(TenantOnboarding tenant, EmulatedUser user) {
    return tenant.google.troubles().limitOf(user).map(limit -> limit.refused()).orElse(0L);
  }

  private static long writesOf(TenantOnboarding tenant, List<EmulatedUser> users, String text) {
    return users.stream()
        .flatMap(
            user ->
                java.util.stream.Stream.concat(
                        java.util.stream.Stream.of(user.primaryEmail()),
                        Signatures.sendAsAliases(user).stream())
                    .filter(address -> Signatures.held(tenant, user, address).contains(text)))
        .count();
  }

  @SuppressWarnings("unchecked")
  private static long errors(String operation) {
    var operations =
        (Map<String, Map<String, Long>>)
            TestEmulator.instance().controls().stats().get("operations");
    Map<String, Long> stats = operations.get(operation);
    return stats == null || stats.get("errors") == null ? 0 : stats.get("errors");
  }

  private static double metric(String name, String tag, String value) {
    String body = given().get("/q/metrics").then().statusCode(200).extract().asString();
    return body.lines()
        .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
        .filter(line -> tag == null || line.contains(tag + "=\"" + value + "\""))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }
}
