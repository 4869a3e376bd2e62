package io.signet.directory;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.signet.testing.TenantOnboarding;
import io.signet.testing.TenantServiceTestResource;
import io.signet.testing.TenantStandingChecks;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A tenant suspended in tenant-service is not synced (not even on the operator's request) and its
 * admin's token may only read here; once deleted, its token is refused.
 */
@QuarkusTest
@DirectorySyncTestResources
class TenantStandingTest {

  @Test
  void aSuspendedTenantIsNotSyncedItsTokenOnlyReadsAndADeletedOnesIsRefused() throws Exception {
    TenantOnboarding tenant = new TenantOnboarding(2).activate();
    SyncRunsApi.awaitLatestRun(tenant, Duration.ofSeconds(60));
    String syncs = "/api/v1/tenants/" + tenant.tenantId + "/directory/syncs";

    TenantStandingChecks.suspendAndAwaitReadOnly(tenant, syncs, syncs, "{}");
    given()
        .auth()
        .oauth2(TenantOnboarding.token(TenantServiceTestResource.operatorKey()))
        .post(syncs)
        .then()
        .statusCode(409)
        .body("type", equalTo("https://signet.io/problems/tenant-not-active"));

    TenantStandingChecks.deleteAndAwaitRefusal(tenant, syncs);
  }
}
