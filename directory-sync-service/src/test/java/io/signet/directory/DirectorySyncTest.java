package io.signet.directory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.signet.emulator.http.FaultRequests;
import io.signet.emulator.state.EmulatedUser;
import io.signet.emulator.state.UserSpec;
import io.signet.events.DirectoryUser;
import io.signet.events.EventJson;
import io.signet.events.Topics;
import io.signet.testing.KafkaTestClient;
import io.signet.testing.TenantOnboarding;
import io.signet.testing.TestEmulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Full syncs on real Kafka and PostgreSQL against the emulator, tokens from tenant-service. */
@QuarkusTest
@DirectorySyncTestResources
class DirectorySyncTest {

  private static final Duration SYNC = Duration.ofSeconds(90);

  @Test
  void aTenantsDirectoryBecomesExactlyItsChanges() throws Exception {
    TenantOnboarding tenant = new TenantOnboarding(4_999).activate();
    int users = tenant.userCount();

    Map<String, Object> first = SyncRunsApi.awaitLatestRun(tenant, SYNC);
    assertThat(first).containsEntry("state", "SUCCEEDED").containsEntry("trigger", "ACTIVATED");
    assertThat(first.get("usersRead")).isEqualTo(users);
    assertThat(first.get("emittedNew")).isEqualTo(users);
    assertThat(records(tenant)).hasSize(users);

    Map<String, Object> second = SyncRunsApi.syncNow(tenant, SYNC);
    assertThat(second.get("emittedNew")).isEqualTo(0);
    assertThat(second.get("emittedChanged")).isEqualTo(0);
    assertThat(second.get("emittedDeleted")).isEqualTo(0);
    assertThat(records(tenant)).hasSize(users);

    List<EmulatedUser> some =
        tenant.google.requireCustomer(tenant.customerId).usersByEmail().values().stream()
            .filter(u -> !u.primaryEmail().equals(tenant.admin))
            .limit(6)
            .toList();
    for (EmulatedUser user : some.subList(0, 3)) {
      tenant.google.updateUser(user.id(), title("Changed " + user.id()));
    }
    tenant.google.deleteUser(some.get(3).id());
    tenant.google.deleteUser(some.get(4).id());
    tenant.google.updateUser(some.get(5).id(), suspended());

    Map<String, Object> third = SyncRunsApi.syncNow(tenant, SYNC);
    assertThat(third.get("emittedChanged")).isEqualTo(4);
    assertThat(third.get("emittedDeleted")).isEqualTo(2);
    assertThat(third.get("emittedNew")).isEqualTo(0);

    List<ConsumerRecord<String, String>> all = records(tenant);
    assertThat(all).hasSize(users + 4 + 2);
    assertThat(all.stream().filter(r -> r.value() == null).map(ConsumerRecord::key))
        .containsExactlyInAnyOrder(
            Topics.userKey(tenant.tenantId, some.get(3).id()),
            Topics.userKey(tenant.tenantId, some.get(4).id()));
    DirectoryUser suspendedUser = latest(all, tenant, some.get(5).id());
    assertThat(suspendedUser.suspended()).isTrue();
    DirectoryUser changed = latest(all, tenant, some.get(0).id());
    assertThat(changed.title()).isEqualTo("Changed " + some.get(0).id());
    assertThat(changed.primaryEmail()).isEqualTo(some.get(0).primaryEmail());
  }

  @Test
  void groupsAreInvertedIntoEachUsersMemberships() throws Exception {
    TenantOnboarding tenant = new TenantOnboarding(0);
    tenant.google.createUser(
        tenant.customerId, UserSpec.ofEmail("kim@" + tenant.domain, "Kim", "Lee"));
    tenant.google.createGroup(tenant.customerId, "eng@" + tenant.domain, "Engineering", null);
    tenant.google.createGroup(tenant.customerId, "all@" + tenant.domain, "All", null);
    tenant.google.addMember("eng@" + tenant.domain, "kim@" + tenant.domain, null);
    tenant.google.addMember("all@" + tenant.domain, "eng@" + tenant.domain, null);
    tenant.activate();
    SyncRunsApi.awaitLatestRun(tenant, SYNC);

    DirectoryUser kim =
        records(tenant).stream()
            .map(r -> EventJson.read(r.value(), DirectoryUser.class))
            .filter(u -> u.primaryEmail().startsWith("kim@"))
            .findFirst()
            .orElseThrow();

    assertThat(kim.groups()).containsExactly("all@" + tenant.domain, "eng@" + tenant.domain);
    assertThat(kim.name().fullName()).isEqualTo("Kim Lee");
  }

  @Test
  void aPageFailingMidSyncFailsTheRunWithGooglesReasonAndDeletesNothing() throws Exception {
    TenantOnboarding tenant = new TenantOnboarding(1_200).activate();
    SyncRunsApi.awaitLatestRun(tenant, SYNC);
    int before = records(tenant).size();
    tenant.google.deleteUser(
        tenant
            .google
            .requireCustomer(tenant.customerId)
            .usersByEmail()
            .lastEntry()
            .getValue()
            .id());
    TestEmulator.instance()
        .controls()
        .failNext(new FaultRequests.NextFailureRequest("users.list", 10, 503, "backendError", 1));

    Map<String, Object> failed = SyncRunsApi.syncNow(tenant, SYNC);

    TestEmulator.instance().controls().clearFaults();
    assertThat(failed).containsEntry("state", "FAILED");
    assertThat((String) failed.get("failureReason")).contains("backendError");
    assertThat(failed.get("emittedDeleted")).isEqualTo(0);
    assertThat(failed.get("pagesRead")).isEqualTo(1);
    assertThat(records(tenant)).hasSize(before);

    Map<String, Object> next = SyncRunsApi.syncNow(tenant, SYNC);
    assertThat(next).containsEntry("state", "SUCCEEDED");
    assertThat(next.get("emittedDeleted")).isEqualTo(1);
  }

  @Test
  void aRevokedDelegationFailsTheRunWithTheReasonVisibleInTheApi() throws Exception {
    TenantOnboarding tenant = new TenantOnboarding(10).activate();
    SyncRunsApi.awaitLatestRun(tenant, SYNC);
    tenant.google.removeDelegation(tenant.customerId, tenant.clientId);
    TestEmulator.instance().state().expireAllTokens(); // Google's tokens outlive a revocation

    Map<String, Object> failed = SyncRunsApi.syncNow(tenant, SYNC);

    assertThat(failed).containsEntry("state", "FAILED");
    assertThat((String) failed.get("failureReason"))
        .startsWith("delegation:")
        .contains("unauthorized_client");
  }

  /** Google restricting the tenant's admin account is a failed run with Google's words. */
  @Test
  void aRestrictedAdminFailsTheRunWithGooglesReasonNotACrash() throws Exception {
    TenantOnboarding tenant = new TenantOnboarding(10).activate();
    SyncRunsApi.awaitLatestRun(tenant, SYNC);
    tenant.google.setStanding(
        tenant.admin, io.signet.emulator.state.AccountTroubles.Standing.RESTRICTED);
    try {
      Map<String, Object> failed = SyncRunsApi.syncNow(tenant, SYNC);

      assertThat(failed).containsEntry("state", "FAILED");
      assertThat((String) failed.get("failureReason"))
          .startsWith("subject-refused:")
          .contains("access_denied")
          .contains("Account restricted");
    } finally {
      tenant.google.setStanding(
          tenant.admin, io.signet.emulator.state.AccountTroubles.Standing.GOOD);
    }
    assertThat(SyncRunsApi.syncNow(tenant, SYNC)).containsEntry("state", "SUCCEEDED");
  }

  @Test
  void aDeletedTenantsUsersAreTombstoned() throws Exception {
    TenantOnboarding tenant = new TenantOnboarding(30).activate();
    SyncRunsApi.awaitLatestRun(tenant, SYNC);
    int users = tenant.userCount();

    TenantOnboarding.tenantService()
        .auth()
        .oauth2(TenantOnboarding.token(io.signet.testing.TenantServiceTestResource.operatorKey()))
        .delete("/api/v1/tenants/" + tenant.tenantId)
        .then()
        .statusCode(204);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> records(tenant).stream().filter(r -> r.value() == null).count() == users);
    given()
        .auth()
        .oauth2(TenantOnboarding.token(io.signet.testing.TenantServiceTestResource.operatorKey()))
        .post("/api/v1/tenants/" + tenant.tenantId + "/directory/syncs")
        .then()
        .statusCode(404);
  }

  @Test
  void syncsAreVisibleOnlyToTheirTenantAndTheOperator() throws Exception {
    TenantOnboarding a = new TenantOnboarding(0).activate();
    TenantOnboarding b = new TenantOnboarding(0).activate();
    SyncRunsApi.awaitLatestRun(a, SYNC);

    given()
        .auth()
        .oauth2(b.tenantToken)
        .get("/api/v1/tenants/" + a.tenantId + "/directory/syncs")
        .then()
        .statusCode(404);
    given()
        .auth()
        .oauth2(b.tenantToken)
        .post("/api/v1/tenants/" + a.tenantId + "/directory/syncs")
        .then()
        .statusCode(404);
    given().get("/api/v1/tenants/" + a.tenantId + "/directory/syncs").then().statusCode(401);
    given()
        .auth()
        .oauth2(TenantOnboarding.token(io.signet.testing.TenantServiceTestResource.operatorKey()))
        .get("/api/v1/tenants/" + a.tenantId + "/directory/syncs")
        .then()
        .statusCode(200);
  }

  /** The last record of a user's key: a key's records keep their order in its partition. */
  private static DirectoryUser latest(
      List<ConsumerRecord<String, String>> records, TenantOnboarding tenant, String userId) {
    String key = Topics.userKey(tenant.tenantId, userId);
    ConsumerRecord<String, String> last =
        records.stream().filter(r -> r.key().equals(key)).reduce((a, b) -> b).orElseThrow();
    return EventJson.read(last.value(), DirectoryUser.class);
  }

  private static List<ConsumerRecord<String, String>> records(TenantOnboarding tenant) {
    try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
      return kafka.readAll(
          Topics.DIRECTORY_USERS,
          r -> r.key().startsWith(tenant.tenantId + "/"),
          Duration.ofSeconds(60));
    }
  }

  private static UserSpec title(String title) {
    return UserSpec.titlePatch(title);
  }

  private static UserSpec suspended() {
    return UserSpec.suspendedPatch(true);
  }
}
