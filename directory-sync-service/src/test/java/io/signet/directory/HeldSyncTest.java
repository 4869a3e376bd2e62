package io.signet.directory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.signet.emulator.http.FaultRequests;
import io.signet.emulator.state.EmulatedUser;
import io.signet.events.Topics;
import io.signet.testing.KafkaTestClient;
import io.signet.testing.TenantOnboarding;
import io.signet.testing.TenantServiceTestResource;
import io.signet.testing.TestEmulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A sync can never wipe a tenant: a page Google answers without users, or a drop of more than 10 %
 * (and at least 50 users), ends HELD with nothing tombstoned on signet.directory-users, until an
 * operator confirms it or a later clean sync supersedes it.
 */
@QuarkusTest
@DirectorySyncTestResources
class HeldSyncTest {

  private static final Duration SYNC = Duration.ofSeconds(90);

  @AfterEach
  void clearFaults() {
    TestEmulator.instance().controls().clearFaults();
  }

  @Test
  void aSixtyPercentDropIsHeldUntilAnOperatorConfirmsIt() throws Exception {
    TenantOnboarding tenant = new TenantOnboarding(199).activate();
    int users = tenant.userCount();
    assertThat(SyncRunsApi.awaitLatestRun(tenant, SYNC)).containsEntry("state", "SUCCEEDED");
    List<EmulatedUser> leaving =
        tenant.google.requireCustomer(tenant.customerId).usersByEmail().values().stream()
            .filter(u -> !u.primaryEmail().equals(tenant.admin))
            .limit(users * 6 / 10)
            .toList();
    leaving.forEach(user -> tenant.google.deleteUser(user.id()));

    Map<String, Object> held = SyncRunsApi.syncNow(tenant, SYNC);

    assertThat(held).containsEntry("state", "HELD").containsEntry("emittedDeleted", 0);
    assertThat(held.get("heldDeletions")).isEqualTo(leaving.size());
    assertThat(held.get("knownUsers")).isEqualTo(users);
    assertThat(held.get("usersRead")).isEqualTo(users - leaving.size());
    assertThat((String) held.get("heldReason"))
        .startsWith("mass-delete:")
        .contains(leaving.size() + " of " + users);
    assertThat(tombstones(tenant)).isEmpty();
    assertThat(metrics())
        .containsPattern("signet_directory_syncs_held_total\\{reason=\"mass-delete\"[^}]*} [1-9]");
    // the gauge the HeldSync alert reads: up while the run is held
    await().atMost(Duration.ofSeconds(30)).until(() -> heldGauge() >= 1);

    // the tenant's own admin cannot confirm: an operator does
    given()
        .auth()
        .oauth2(tenant.tenantToken)
        .post(confirmPath(tenant, held.get("id")))
        .then()
        .statusCode(403);
    Map<String, Object> confirmed =
        given()
            .auth()
            .oauth2(operator())
            .post(confirmPath(tenant, held.get("id")))
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getMap("$");

    assertThat(confirmed)
        .containsEntry("state", "CONFIRMED")
        .containsEntry("emittedDeleted", leaving.size())
        .containsEntry("resolvedBy", "operator");
    // and down once the operator confirmed it (no other test leaves a run held): the alert ends
    await().atMost(Duration.ofSeconds(30)).until(() -> heldGauge() == 0);
    assertThat(tombstones(tenant))
        .containsExactlyInAnyOrderElementsOf(
            leaving.stream().map(u -> Topics.userKey(tenant.tenantId, u.id())).toList());
    given()
        .auth()
        .oauth2(operator())
        .post(confirmPath(tenant, held.get("id")))
        .then()
        .statusCode(409)
        .contentType("application/problem+json");
  }

  @Test
  void aPageWithoutUsersIsHeldAndALaterCleanSyncSupersedesIt() throws Exception {
    TenantOnboarding tenant = new TenantOnboarding(1_200).activate();
    int users = tenant.userCount();
    assertThat(SyncRunsApi.awaitLatestRun(tenant, SYNC)).containsEntry("state", "SUCCEEDED");
    EmulatedUser gone =
        tenant.google.requireCustomer(tenant.customerId).usersByEmail().lastEntry().getValue();
    tenant.google.deleteUser(gone.id());
    // the second page of three answers 200 without its users, the third comes as usual
    TestEmulator.instance().controls().missingUsers(new FaultRequests.MissingUsersRequest(1, 1));

    Map<String, Object> held = SyncRunsApi.syncNow(tenant, SYNC);

    assertThat(held).containsEntry("state", "HELD").containsEntry("emittedDeleted", 0);
    assertThat((String) held.get("heldReason")).startsWith("missing-page: users.list page 2");
    assertThat(held.get("pagesRead")).isEqualTo(3);
    assertThat(held.get("usersRead")).isEqualTo(users - 1 - 500);
    assertThat(held.get("heldDeletions")).isEqualTo(501);
    assertThat(tombstones(tenant)).isEmpty();

    Map<String, Object> clean = SyncRunsApi.syncNow(tenant, SYNC);

    assertThat(clean).containsEntry("state", "SUCCEEDED").containsEntry("emittedDeleted", 1);
    assertThat(tombstones(tenant)).containsExactly(Topics.userKey(tenant.tenantId, gone.id()));
    assertThat(SyncRunsApi.run(tenant, held.get("id")))
        .containsEntry("state", "SUPERSEDED")
        .containsEntry("resolvedBy", "run " + clean.get("id"));
    given()
        .auth()
        .oauth2(operator())
        .post(confirmPath(tenant, held.get("id")))
        .then()
        .statusCode(409)
        .contentType("application/problem+json");
  }

  @Test
  void aDeletedTenantsHeldRunIsSupersededSoItsAlertStops() throws Exception {
    TenantOnboarding tenant = new TenantOnboarding(99).activate();
    SyncRunsApi.awaitLatestRun(tenant, SYNC);
    TestEmulator.instance().controls().missingUsers(new FaultRequests.MissingUsersRequest(1, 0));
    Map<String, Object> held = SyncRunsApi.syncNow(tenant, SYNC);
    assertThat(held).containsEntry("state", "HELD");

    TenantOnboarding.tenantService()
        .auth()
        .oauth2(operator())
        .delete("/api/v1/tenants/" + tenant.tenantId)
        .then()
        .statusCode(204);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                given()
                    .auth()
                    .oauth2(operator())
                    .get(
                        "/api/v1/tenants/" + tenant.tenantId + "/directory/syncs/" + held.get("id"))
                    .then()
                    .extract()
                    .jsonPath()
                    .getString("resolvedBy"),
            "tenant deleted"::equals);
    assertThat(tombstones(tenant)).hasSize(tenant.userCount());
  }

  @Test
  void aSmallChurnIsNotHeld() throws Exception {
    TenantOnboarding tenant = new TenantOnboarding(59).activate();
    SyncRunsApi.awaitLatestRun(tenant, SYNC);
    // 49 of 60 is far more than 10 %, but fewer than the 50 users the share rule needs
    tenant.google.requireCustomer(tenant.customerId).usersByEmail().values().stream()
        .filter(u -> !u.primaryEmail().equals(tenant.admin))
        .limit(49)
        .toList()
        .forEach(user -> tenant.google.deleteUser(user.id()));

    Map<String, Object> run = SyncRunsApi.syncNow(tenant, SYNC);

    assertThat(run).containsEntry("state", "SUCCEEDED").containsEntry("emittedDeleted", 49);
    assertThat(tombstones(tenant)).hasSize(49);
  }

  private static String confirmPath(TenantOnboarding tenant, Object runId) {
    return "/api/v1/tenants/" + tenant.tenantId + "/directory/syncs/" + runId + "/confirm";
  }

  private static String operator() {
    return TenantOnboarding.token(TenantServiceTestResource.operatorKey());
  }

  private static double heldGauge() {
    Matcher gauge =
        Pattern.compile("(?m)^signet_directory_held_syncs(?:\\{[^}]*})? (\\S+)$")
            .matcher(metrics());
    assertThat(gauge.find()).as("signet_directory_held_syncs is exported").isTrue();
    return Double.parseDouble(gauge.group(1));
  }

  private static String metrics() {
    return given().get("/q/metrics").then().statusCode(200).extract().asString();
  }

  private static List<String> tombstones(TenantOnboarding tenant) {
    try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
      return kafka
          .readAll(
              Topics.DIRECTORY_USERS,
              r -> r.key().startsWith(tenant.tenantId + "/") && r.value() == null,
              Duration.ofSeconds(60))
          .stream()
          .map(ConsumerRecord::key)
          .toList();
    }
  }
}
