package io.signet.directory;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.signet.emulator.seed.UserGenerator;
import io.signet.emulator.state.Role;
import io.signet.emulator.state.UserSpec;
import io.signet.emulator.state.WorkspaceState;
import io.signet.google.GoogleScopes;
import io.signet.testing.TenantServiceTestResource;
import io.signet.testing.TestEmulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A tenant onboarded for real: a Google Workspace in the emulator with its own service account and
 * delegation, then created, given its key and verified through tenant-service's public API, so
 * tenant-service publishes it ACTIVE.
 */
final class TenantOnboarding {

  final String domain = "d" + UUID.randomUUID().toString().substring(0, 8) + ".test";
  final String admin = "admin@" + domain;
  final WorkspaceState google = TestEmulator.instance().state();
  final String customerId;
  final String clientId;
  String tenantId;
  String tenantToken;

  TenantOnboarding(int generatedUsers) {
    customerId = google.createCustomer(null, List.of(domain)).id();
    google.createUser(customerId, UserSpec.ofEmail(admin, "Ada", "Admin"));
    for (String role :
        List.of(
            Role.SUPER_ADMIN, Role.GROUPS_ADMIN, Role.USER_MANAGEMENT_ADMIN, Role.SERVICES_ADMIN)) {
      google.assignRole(customerId, admin, role);
    }
    if (generatedUsers > 0) {
      google.createUsers(customerId, UserGenerator.generate(domain, generatedUsers, 11));
    }
    String name = "sa-" + UUID.randomUUID().toString().substring(0, 8);
    keyJson =
        google
            .createServiceAccount(
                "tenant-" + name, name, TestEmulator.instance().endpoints().tokenUri().toString())
            .json();
    clientId =
        google
            .serviceAccountByEmail(name + "@tenant-" + name + ".iam.gserviceaccount.com")
            .orElseThrow()
            .clientId();
    google.setDelegation(customerId, clientId, GoogleScopes.REQUIRED);
  }

  private final String keyJson;

  /** Creates, delegates and verifies the tenant; returns once tenant-service says ACTIVE. */
  TenantOnboarding activate() throws Exception {
    String operator = token(TenantServiceTestResource.operatorKey());
    var created =
        tenantService()
            .auth()
            .oauth2(operator)
            .contentType(ContentType.JSON)
            .body(Map.of("displayName", domain, "primaryDomain", domain, "adminEmail", admin))
            .post("/api/v1/tenants")
            .then()
            .statusCode(201)
            .extract();
    tenantId = created.path("tenant.id");
    tenantToken = token(created.path("apiKey"));
    tenantService()
        .auth()
        .oauth2(tenantToken)
        .contentType(ContentType.JSON)
        .body(Map.of("mode", "OWN", "serviceAccountKey", new ObjectMapper().readTree(keyJson)))
        .put("/api/v1/tenants/" + tenantId + "/delegation")
        .then()
        .statusCode(200);
    tenantService()
        .auth()
        .oauth2(tenantToken)
        .post("/api/v1/tenants/" + tenantId + "/verifications")
        .then()
        .statusCode(201)
        .body("passed", org.hamcrest.Matchers.is(true));
    return this;
  }

  /** Waits for the tenant's latest sync run to finish and returns it. */
  Map<String, Object> awaitLatestRun(Duration timeout) {
    return await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              List<Map<String, Object>> runs =
                  given()
                      .auth()
                      .oauth2(tenantToken)
                      .get("/api/v1/tenants/" + tenantId + "/directory/syncs?limit=1")
                      .then()
                      .statusCode(200)
                      .extract()
                      .jsonPath()
                      .getList("$");
              return runs.isEmpty() ? null : runs.get(0);
            },
            run -> run != null && List.of("SUCCEEDED", "FAILED").contains(run.get("state")));
  }

  /** Starts a sync through the API and waits for it to finish. */
  Map<String, Object> syncNow(Duration timeout) {
    String id =
        given()
            .auth()
            .oauth2(tenantToken)
            .post("/api/v1/tenants/" + tenantId + "/directory/syncs")
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
                    .oauth2(tenantToken)
                    .get("/api/v1/tenants/" + tenantId + "/directory/syncs/" + id)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getMap("$"),
            run -> List.of("SUCCEEDED", "FAILED").contains(run.get("state")));
  }

  int userCount() {
    return google.requireCustomer(customerId).usersByEmail().size();
  }

  static RequestSpecification tenantService() {
    return given().baseUri(TenantServiceTestResource.instance().baseUrl());
  }

  static String token(String apiKey) {
    return tenantService()
        .contentType(ContentType.JSON)
        .body(Map.of("apiKey", apiKey))
        .post("/api/v1/auth/token")
        .then()
        .statusCode(200)
        .extract()
        .path("accessToken");
  }
}
