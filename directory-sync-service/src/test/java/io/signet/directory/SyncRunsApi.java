package io.signet.directory;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.signet.testing.TenantOnboarding;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** directory-sync-service's sync runs API, as a tenant's admin uses it. */
final class SyncRunsApi {

  /** The states a run ends in (a HELD one may later become CONFIRMED or SUPERSEDED). */
  private static final List<String> ENDED = List.of("SUCCEEDED", "FAILED", "HELD");

  private SyncRunsApi() {}

  /** A run of the tenant, as its admin reads it. */
  static Map<String, Object> run(TenantOnboarding tenant, Object runId) {
    return given()
        .auth()
        .oauth2(tenant.tenantToken)
        .get("/api/v1/tenants/" + tenant.tenantId + "/directory/syncs/" + runId)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getMap("$");
  }

  /** Waits for the tenant's latest sync run to finish and returns it. */
  static Map<String, Object> awaitLatestRun(TenantOnboarding tenant, Duration timeout) {
    return await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              List<Map<String, Object>> runs =
                  given()
                      .auth()
                      .oauth2(tenant.tenantToken)
                      .get("/api/v1/tenants/" + tenant.tenantId + "/directory/syncs?limit=1")
                      .then()
                      .statusCode(200)
                      .extract()
                      .jsonPath()
                      .getList("$");
              return runs.isEmpty() ? null : runs.get(0);
            },
            run -> run != null && ENDED.contains(run.get("state")));
  }

  /** Starts a sync through the API and waits for it to finish. */
  static Map<String, Object> syncNow(TenantOnboarding tenant, Duration timeout) {
    String id =
        given()
            .auth()
            .oauth2(tenant.tenantToken)
            .post("/api/v1/tenants/" + tenant.tenantId + "/directory/syncs")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    return await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                given()
                    .auth()
                    .oauth2(tenant.tenantToken)
                    .get("/api/v1/tenants/" + tenant.tenantId + "/directory/syncs/" + id)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getMap("$"),
            run -> ENDED.contains(run.get("state")));
  }

  /**
   * Waits until the tenant's watch channel is open, so directory changes arrive as notifications.
   */
  static void awaitWatchOpen(TenantOnboarding tenant, Duration timeout) {
    await()
        .atMost(timeout)
        .ignoreExceptions()
        .until(
            () ->
                given()
                    .auth()
                    .oauth2(tenant.tenantToken)
                    .get("/api/v1/tenants/" + tenant.tenantId + "/directory/watch")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getBoolean("open"));
  }
}
