package io.signet.tenant;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.signet.emulator.WorkspaceEmulator;
import io.signet.emulator.state.Role;
import io.signet.emulator.state.UserSpec;
import io.signet.emulator.state.WorkspaceState;
import io.signet.google.GoogleScopes;
import io.signet.google.ServiceAccountKeyGenerator;
import io.signet.testing.TestEmulator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Test helpers for the story a tenant goes through: a fully set-up emulated Google Workspace (which
 * a test then breaks in one way), and the public API calls of onboarding.
 */
final class Onboarding {

  private static final String SHARED_PROJECT = "signet-shared";
  private static final String SHARED_NAME = "signet-connector";
  private static String sharedClientId;
  private static int sharedGeneration;

  final String domain = "t" + UUID.randomUUID().toString().substring(0, 8) + ".test";
  final String admin = "admin@" + domain;
  final String customerId;
  final WorkspaceState google;

  Onboarding() {
    WorkspaceEmulator emulator = TestEmulator.instance();
    google = emulator.state();
    ensureSharedServiceAccount(emulator);
    customerId = google.createCustomer(null, List.of(domain)).id();
    google.createUser(customerId, UserSpec.ofEmail(admin, "Ada", "Admin"));
    for (String role :
        List.of(
            Role.SUPER_ADMIN, Role.GROUPS_ADMIN, Role.USER_MANAGEMENT_ADMIN, Role.SERVICES_ADMIN)) {
      google.assignRole(customerId, admin, role);
    }
    google.createUser(customerId, UserSpec.ofEmail("jane@" + domain, "Jane", "Doe"));
    google.setDelegation(customerId, sharedClientId, GoogleScopes.REQUIRED);
  }

  /** Forgets the shared account, so the next onboarding creates and uploads a fresh one. */
  static synchronized void resetSharedServiceAccount() {
    sharedClientId = null;
    sharedGeneration++;
  }

  static String sharedClientId() {
    return sharedClientId;
  }

  /** The shared service account exists in the emulator and tenant-service holds its key. */
  private static synchronized void ensureSharedServiceAccount(WorkspaceEmulator emulator) {
    String name = SHARED_NAME + "-" + sharedGeneration;
    String email = name + "@" + SHARED_PROJECT + ".iam.gserviceaccount.com";
    if (emulator.state().serviceAccountByEmail(email).isPresent() && sharedClientId != null) {
      return;
    }
    var key =
        emulator
            .state()
            .createServiceAccount(SHARED_PROJECT, name, emulator.endpoints().tokenUri().toString());
    sharedClientId = emulator.state().serviceAccountByEmail(email).orElseThrow().clientId();
    given()
        .auth()
        .oauth2(operatorToken())
        .contentType(ContentType.JSON)
        .body(key.json())
        .put("/api/v1/operator/shared-service-account")
        .then()
        .statusCode(200);
  }

  /** A key of a new service account of the tenant's own, known to the emulator. */
  ServiceAccountKeyGenerator.GeneratedKey ownServiceAccount() {
    String name = "own-" + UUID.randomUUID().toString().substring(0, 8);
    return google.createServiceAccount(
        "tenant-project", name, TestEmulator.instance().endpoints().tokenUri().toString());
  }

  String clientIdOf(String name) {
    return google
        .serviceAccountByEmail(name + "@tenant-project.iam.gserviceaccount.com")
        .orElseThrow()
        .clientId();
  }

  /** Creates the tenant through the API; returns {@code [tenantId, apiKey]}. */
  String[] createTenant() {
    var answer =
        given()
            .auth()
            .oauth2(operatorToken())
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "displayName", "Tenant " + domain,
                    "primaryDomain", domain,
                    "adminEmail", admin))
            .post("/api/v1/tenants")
            .then()
            .statusCode(201)
            .extract();
    return new String[] {answer.path("tenant.id"), answer.path("apiKey")};
  }

  ValidatableResponse verify(String tenantId, String token) {
    return given()
        .auth()
        .oauth2(token)
        .post("/api/v1/tenants/" + tenantId + "/verifications")
        .then()
        .statusCode(201);
  }

  /** A request to the token broker's own port. */
  static io.restassured.specification.RequestSpecification broker() {
    return given()
        .baseUri("http://127.0.0.1")
        .port(
            io.quarkus.arc.Arc.container()
                .instance(io.signet.tenant.rest.TokenBrokerServer.class)
                .get()
                .port());
  }

  static String operatorToken() {
    return exchange(TenantServiceSecretsResource.OPERATOR_KEY);
  }

  static String serviceToken() {
    return exchange(TenantServiceSecretsResource.SERVICE_KEY);
  }

  static String exchange(String apiKey) {
    return given()
        .contentType(ContentType.JSON)
        .body(Map.of("apiKey", apiKey))
        .post("/api/v1/auth/token")
        .then()
        .statusCode(200)
        .extract()
        .path("accessToken");
  }
}
