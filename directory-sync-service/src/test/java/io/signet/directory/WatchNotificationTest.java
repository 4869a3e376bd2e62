package io.signet.directory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.signet.emulator.http.WatchSettings;
import io.signet.emulator.state.EmulatedUser;
import io.signet.emulator.state.UserSpec;
import io.signet.events.DirectoryUser;
import io.signet.events.EventJson;
import io.signet.events.Topics;
import io.signet.testing.KafkaTestClient;
import io.signet.testing.TenantOnboarding;
import io.signet.testing.TestEmulator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Directory push notifications: a change reaches signet.directory-users in seconds. */
@QuarkusTest
@TestProfile(WebhookProfile.class)
@DirectorySyncTestResources
class WatchNotificationTest {

  @Test
  void aChangeInTheDirectoryArrivesThroughTheWatchChannelWithinTwoSeconds() throws Exception {
    TenantOnboarding tenant = new TenantOnboarding(20).activate();
    SyncRunsApi.awaitLatestRun(tenant, Duration.ofSeconds(60));
    await()
        .atMost(Duration.ofSeconds(15))
        .ignoreExceptions()
        .until(() -> watch(tenant).getBoolean("open"));
    EmulatedUser someone =
        tenant.google.requireCustomer(tenant.customerId).usersByEmail().firstEntry().getValue();
    String key = Topics.userKey(tenant.tenantId, someone.id());

    Instant changed = Instant.now();
    tenant.google.updateUser(someone.id(), title("Chief Signature Officer"));

    try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
      ConsumerRecord<String, String> record =
          awaitUserRecord(kafka, key, "Chief Signature", Duration.ofSeconds(10));
      Duration latency = Duration.ofMillis(record.timestamp() - changed.toEpochMilli());
      assertThat(latency).isLessThan(Duration.ofSeconds(2));
      assertThat(EventJson.read(record.value(), DirectoryUser.class).title())
          .isEqualTo("Chief Signature Officer");
    }
  }

  /**
   * Google lists direct memberships only: kim (in child, child in parent) gets parent from the
   * group graph after a full sync and after a notification alike. A notification that changes
   * nothing Signet uses emits nothing; a real change keeps the groups; an OU move (a user update of
   * orgUnitPath) arrives with the new org unit.
   */
  @Test
  void aNestedGroupsMembershipIsTheSameAfterAFullSyncAndAfterANotification() throws Exception {
    TenantOnboarding tenant = new TenantOnboarding(0);
    String kimEmail = "kim@" + tenant.domain;
    EmulatedUser kim =
        tenant.google.createUser(tenant.customerId, UserSpec.ofEmail(kimEmail, "Kim", "Lee"));
    tenant.google.createGroup(tenant.customerId, "child@" + tenant.domain, "Child", null);
    tenant.google.createGroup(tenant.customerId, "parent@" + tenant.domain, "Parent", null);
    tenant.google.addMember("child@" + tenant.domain, kimEmail, null);
    tenant.google.addMember("parent@" + tenant.domain, "child@" + tenant.domain, null);
    tenant.activate();
    SyncRunsApi.awaitLatestRun(tenant, Duration.ofSeconds(60));
    await()
        .atMost(Duration.ofSeconds(15))
        .ignoreExceptions()
        .until(() -> watch(tenant).getBoolean("open"));
    String key = Topics.userKey(tenant.tenantId, kim.id());
    List<String> nested = List.of("child@" + tenant.domain, "parent@" + tenant.domain);
    assertThat(kimsEvents(key, 1).get(0).groups()).isEqualTo(nested);

    // an update notification of something Signet does not read (the admin flag is not in its
    // fields): users.get and groups.list?userKey= run, and nothing is emitted
    long groupReads = calls("groups.list");
    tenant.google.updateUser(kim.id(), UserSpec.gmailPatch(true));
    await().atMost(Duration.ofSeconds(10)).until(() -> calls("groups.list") > groupReads);
    tenant.google.updateUser(kim.id(), title("Head of Signatures"));
    List<DirectoryUser> events = kimsEvents(key, 2);
    assertThat(events).hasSize(2);
    assertThat(events.get(1).title()).isEqualTo("Head of Signatures");
    assertThat(events.get(1).groups()).isEqualTo(nested);

    tenant.google.updateUser(kim.id(), orgUnit("/Engineering/Platform"));
    events = kimsEvents(key, 3);
    assertThat(events.get(2).orgUnitPath()).isEqualTo("/Engineering/Platform");
    assertThat(events.get(2).groups()).isEqualTo(nested);

    // and a full sync afterwards agrees with the notifications: nothing to emit
    Map<String, Object> again = SyncRunsApi.syncNow(tenant, Duration.ofSeconds(60));
    assertThat(again.get("emittedChanged")).isEqualTo(0);
    assertThat(kimsEvents(key, 3)).hasSize(3);
  }

  /**
   * A bulk import notifies every new user at once: the notifications are read by one full sync (far
   * fewer users.get than users), every user arrives, and a single change made during the burst is
   * not queued behind it.
   */
  @Test
  void aBurstOfNotificationsIsReadByOneFullSyncAndASingleChangeIsNotQueuedBehindIt()
      throws Exception {
    TenantOnboarding tenant = new TenantOnboarding(10).activate();
    SyncRunsApi.awaitLatestRun(tenant, Duration.ofSeconds(60));
    SyncRunsApi.awaitWatchOpen(tenant, Duration.ofSeconds(15));
    EmulatedUser someone =
        tenant.google.requireCustomer(tenant.customerId).usersByEmail().firstEntry().getValue();
    int burst = 1_000;
    long usersGetBefore = calls("users.get");
    List<String> imported = new java.util.ArrayList<>();
    for (int i = 0; i < burst; i++) {
      imported.add(
          tenant
              .google
              .createUser(
                  tenant.customerId,
                  UserSpec.ofEmail("imported" + i + "@" + tenant.domain, "Imported", "User " + i))
              .id());
    }
    Instant changed = Instant.now();
    tenant.google.updateUser(someone.id(), title("Changed During The Import"));

    try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
      String key = Topics.userKey(tenant.tenantId, someone.id());
      ConsumerRecord<String, String> change =
          awaitUserRecord(kafka, key, "Changed During The Import", Duration.ofSeconds(60));
      System.out.printf(
          "a change after %d notified users reached the topic in %d ms%n",
          burst, change.timestamp() - changed.toEpochMilli());
      java.util.Set<String> keys =
          imported.stream()
              .map(id -> Topics.userKey(tenant.tenantId, id))
              .collect(java.util.stream.Collectors.toSet());
      await()
          .atMost(Duration.ofSeconds(90))
          .until(
              () ->
                  kafka
                          .readAll(
                              Topics.DIRECTORY_USERS,
                              r -> keys.contains(r.key()) && r.value() != null,
                              Duration.ofSeconds(10))
                          .stream()
                          .map(ConsumerRecord::key)
                          .distinct()
                          .count()
                      == burst);
    }
    // the import may outlast a first full sync: what was notified after it started gets another
    List<Map<String, Object>> runs =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> notificationSyncs(tenant),
                all ->
                    !all.isEmpty()
                        && all.stream().allMatch(run -> "SUCCEEDED".equals(run.get("state"))));
    assertThat(runs).hasSizeLessThanOrEqualTo(3);
    long reads = calls("users.get") - usersGetBefore;
    System.out.printf("%d notified users read with %d users.get%n", burst, reads);
    assertThat(reads).as("users.get for %d notified users", burst).isLessThan(burst / 2);
  }

  /** The first record of the user's key whose payload contains {@code text}. */
  private static ConsumerRecord<String, String> awaitUserRecord(
      KafkaTestClient kafka, String key, String text, Duration timeout) {
    return kafka
        .awaitRecords(
            Topics.DIRECTORY_USERS,
            r -> key.equals(r.key()) && r.value() != null && r.value().contains(text),
            1,
            timeout)
        .get(0);
  }

  private static List<Map<String, Object>> notificationSyncs(TenantOnboarding tenant) {
    List<Map<String, Object>> runs =
        given()
            .auth()
            .oauth2(tenant.tenantToken)
            .get("/api/v1/tenants/" + tenant.tenantId + "/directory/syncs?limit=20")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("");
    return runs.stream().filter(run -> "NOTIFICATIONS".equals(run.get("trigger"))).toList();
  }

  /** Kim's events once at least {@code count} arrived (and nothing more came for a moment). */
  private static List<DirectoryUser> kimsEvents(String key, int count) {
    try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  kafka
                          .readAll(
                              Topics.DIRECTORY_USERS,
                              r -> key.equals(r.key()),
                              Duration.ofSeconds(10))
                          .size()
                      >= count);
      Thread.sleep(1_000); // room for a wrong extra event to show up
      return kafka
          .readAll(Topics.DIRECTORY_USERS, r -> key.equals(r.key()), Duration.ofSeconds(10))
          .stream()
          .map(r -> EventJson.read(r.value(), DirectoryUser.class))
          .toList();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A patch of the org unit only (built from JSON, as the admin API reads it). */
  private static UserSpec orgUnit(String path) {
    return new com.fasterxml.jackson.databind.ObjectMapper()
        .convertValue(Map.of("orgUnitPath", path), UserSpec.class);
  }

  /**
   * The watch API shows the tenant's channel; a new delegation (another key, perhaps another
   * Workspace) makes the tenant PENDING, and once verified ACTIVE again its channel is replaced.
   */
  @Test
  void theWatchApiShowsTheChannelAndANewDelegationReplacesIt() throws Exception {
    TenantOnboarding tenant = new TenantOnboarding(3).activate();
    String first =
        await()
            .atMost(Duration.ofSeconds(20))
            .ignoreExceptions() // 404 until the tenant's snapshot arrives
            .until(() -> watch(tenant).<String>get("channelId"), id -> id != null);
    var view = watch(tenant);
    assertThat(view.getBoolean("enabled")).isTrue();
    assertThat(view.getBoolean("open")).isTrue();
    assertThat(view.getString("address")).endsWith("/api/v1/notifications/directory");

    // a new delegation makes the tenant PENDING; its verification makes it ACTIVE again
    TenantOnboarding.tenantService()
        .auth()
        .oauth2(tenant.tenantToken)
        .contentType("application/json")
        .body(
            Map.of(
                "mode",
                "OWN",
                "serviceAccountKey",
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(tenant.keyJson())))
        .put("/api/v1/tenants/" + tenant.tenantId + "/delegation")
        .then()
        .statusCode(200);
    TenantOnboarding.tenantService()
        .auth()
        .oauth2(tenant.tenantToken)
        .post("/api/v1/tenants/" + tenant.tenantId + "/verifications")
        .then()
        .statusCode(201);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> watch(tenant).<String>get("channelId"), id -> id != null && !id.equals(first));
    assertThat(watch(tenant).getBoolean("open")).isTrue();

    given()
        .auth()
        .oauth2(tenant.tenantToken)
        .get("/api/v1/tenants/t-unknown/directory/watch")
        .then()
        .statusCode(404);
  }

  private static io.restassured.path.json.JsonPath watch(TenantOnboarding tenant) {
    return given()
        .auth()
        .oauth2(tenant.tenantToken)
        .get("/api/v1/tenants/" + tenant.tenantId + "/directory/watch")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Test
  void aNotificationWithAWrongTokenIsRefusedAndCausesNoGoogleCall() throws Exception {
    TenantOnboarding tenant = new TenantOnboarding(3).activate();
    SyncRunsApi.awaitLatestRun(tenant, Duration.ofSeconds(60));
    await()
        .atMost(Duration.ofSeconds(15))
        .ignoreExceptions()
        .until(() -> watch(tenant).getBoolean("open"));
    long usersGetBefore = calls("users.get");

    given()
        .header("X-Goog-Channel-ID", "some-channel")
        .header("X-Goog-Channel-Token", "forged")
        .header("X-Goog-Resource-State", "update")
        .contentType("application/json")
        .body(Map.of("kind", "admin#directory#user", "id", "123"))
        .post("/api/v1/notifications/directory")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");

    assertThat(calls("users.get")).isEqualTo(usersGetBefore);
  }

  /**
   * Notifications arrive late (the emulator delays them, as Google's do): a user deleted and at
   * once restored gets a delete notification while it exists again. users.get finds it, so nothing
   * is tombstoned; a user really gone is.
   */
  @Test
  void aDeleteNotificationForAUserWhoStillExistsTombstonesNothing() throws Exception {
    TenantOnboarding tenant = new TenantOnboarding(5).activate();
    SyncRunsApi.awaitLatestRun(tenant, Duration.ofSeconds(60));
    await()
        .atMost(Duration.ofSeconds(15))
        .ignoreExceptions()
        .until(() -> watch(tenant).getBoolean("open"));
    var users =
        tenant.google.requireCustomer(tenant.customerId).usersByEmail().values().stream()
            .filter(u -> !u.primaryEmail().equals(tenant.admin))
            .toList();
    EmulatedUser restored = users.get(0);
    EmulatedUser gone = users.get(1);
    var controls = TestEmulator.instance().controls();
    try {
      controls.configureWatch(new WatchSettings(7_200, 21_600, 1_500));
      long usersGetBefore = calls("users.get");
      tenant.google.deleteUser(restored.id());
      tenant.google.undeleteUser(restored.id());
      tenant.google.deleteUser(gone.id());

      try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
        kafka.awaitRecords(
            Topics.DIRECTORY_USERS,
            r -> r.key().equals(Topics.userKey(tenant.tenantId, gone.id())) && r.value() == null,
            1,
            Duration.ofSeconds(15));
        // both delete notifications were checked with users.get, and the restored user's found
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> calls("users.get") >= usersGetBefore + 2);
        assertThat(
                kafka.readAll(
                    Topics.DIRECTORY_USERS,
                    r ->
                        r.key().equals(Topics.userKey(tenant.tenantId, restored.id()))
                            && r.value() == null,
                    Duration.ofSeconds(30)))
            .isEmpty();
      }
    } finally {
      controls.configureWatch(WatchSettings.GOOGLE);
    }
  }

  /** Google grants less life than asked (the emulator caps it, as Google caps at 6 h). */
  @Test
  void aChannelIsRenewedBeforeItsCappedExpiry() throws Exception {
    var controls = TestEmulator.instance().controls();
    try {
      controls.configureWatch(new WatchSettings(6, 6, 0));
      TenantOnboarding tenant = new TenantOnboarding(2).activate();
      var first =
          await()
              .atMost(Duration.ofSeconds(20))
              .ignoreExceptions()
              .until(() -> watch(tenant), view -> view.getString("channelId") != null);
      Instant expires = Instant.parse(first.getString("expiresAt"));
      Instant opened = Instant.parse(first.getString("openedAt"));
      // asked for 6 h, granted 6 s
      assertThat(Duration.between(opened, expires)).isLessThanOrEqualTo(Duration.ofSeconds(7));

      String renewed =
          await()
              .atMost(Duration.ofSeconds(10))
              .until(
                  () -> watch(tenant).getString("channelId"),
                  id -> id != null && !id.equals(first.getString("channelId")));

      assertThat(Instant.now()).isBefore(expires);
      assertThat(watch(tenant).getBoolean("open")).isTrue();
      assertThat(renewed).isNotEqualTo(first.getString("channelId"));
    } finally {
      controls.configureWatch(WatchSettings.GOOGLE);
    }
  }

  /** Google refuses an http address; each try waits twice as long as the last, reason shown. */
  @Test
  void aRefusedWatchBacksOffAndShowsGooglesReason() throws Exception {
    var controls = TestEmulator.instance().controls();
    java.util.List<io.restassured.path.json.JsonPath> seen = new java.util.ArrayList<>();
    try {
      controls.allowHttpWebhooks(false);
      TenantOnboarding tenant = new TenantOnboarding(2).activate();
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(200))
          .ignoreExceptions()
          .until(
              () -> {
                var view = watch(tenant);
                Integer failures = view.get("refusal.failures");
                if (failures != null
                    && (seen.isEmpty()
                        || !failures.equals(seen.get(seen.size() - 1).get("refusal.failures")))) {
                  seen.add(view);
                }
                return failures != null && failures >= 4;
              });
      var last = seen.get(seen.size() - 1);
      assertThat(last.getBoolean("open")).isFalse();
      assertThat(last.getString("refusal.reason")).isEqualTo("push.webhookUrlNotHttps");
      assertThat(last.getString("refusal.message")).contains("WebHook callback must be HTTPS");
      // the declared waits double: 1 s, 2 s, 4 s …; the tries themselves keep to them
      Duration previous = Duration.ZERO;
      Instant previousTry = null;
      for (var view : seen) {
        Instant tried = Instant.parse(view.getString("refusal.lastAttemptAt"));
        Duration wait =
            Duration.between(tried, Instant.parse(view.getString("refusal.nextAttemptAt")));
        assertThat(wait).isGreaterThan(previous);
        if (previousTry != null) {
          assertThat(Duration.between(previousTry, tried)).isGreaterThanOrEqualTo(previous);
        }
        previous = wait;
        previousTry = tried;
      }
      assertThat(previous).isGreaterThanOrEqualTo(Duration.ofSeconds(4));

      controls.allowHttpWebhooks(true);
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () -> watch(tenant), view -> view.getBoolean("open") && view.get("refusal") == null);
    } finally {
      controls.allowHttpWebhooks(true);
    }
  }

  @SuppressWarnings("unchecked")
  private static long calls(String operation) {
    var operations =
        (Map<String, Map<String, Long>>)
            TestEmulator.instance().controls().stats().get("operations");
    return operations.getOrDefault(operation, Map.of("calls", 0L)).get("calls");
  }

  private static UserSpec title(String title) {
    return UserSpec.titlePatch(title);
  }
}
