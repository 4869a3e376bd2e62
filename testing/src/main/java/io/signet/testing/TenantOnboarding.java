package io.signet.testing;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.signet.emulator.seed.UserGenerator;
import io.signet.emulator.state.Role;
import io.signet.emulator.state.UserSpec;
import io.signet.emulator.state.WorkspaceState;
import io.signet.google.GoogleScopes;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A tenant onboarded for real: a Google Workspace in the emulator with its own service account and
 * delegation, then created, given its key and verified through tenant-service's public API, so
 * tenant-service publishes it ACTIVE.
 */
public final class TenantOnboarding {

  public final String domain = "d" + UUID.randomUUID().toString().substring(0, 8) + ".test";
  public final String admin = "admin@" + domain;
  public final WorkspaceState google = TestEmulator.instance().state();
  public final String customerId;
  public final String clientId;
  public String tenantId;
  public String tenantToken;

  /**
   * A Workspace with an admin holding the four roles and {@code generatedUsers} more users, and its
   * own service account (its own Google Cloud project).
   */
  public TenantOnboarding(int generatedUsers) {
    this(generatedUsers, null);
  }

  /**
   * A Workspace whose delegation goes to {@code other}'s service account: both tenants share one
   * Google Cloud project, and so one Gmail quota. A null {@code other} makes a service account.
   */
  public TenantOnboarding(int generatedUsers, TenantOnboarding other) {
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
    if (other != null) {
      keyJson = other.keyJson;
      clientId = other.clientId;
      google.setDelegation(customerId, clientId, GoogleScopes.REQUIRED);
      return;
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

  /** The service account's key JSON (its token URI is the emulator's). */
  public String keyJson() {
    return keyJson;
  }

  /** Creates, delegates and verifies the tenant; returns once tenant-service says ACTIVE. */
  public TenantOnboarding activate() throws Exception {
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

  /** The operator suspends the tenant in tenant-service. */
  public void suspend() {
    operator("POST", "/api/v1/tenants/" + tenantId + "/suspend", 200);
  }

  /** The operator deletes the tenant in tenant-service. */
  public void delete() {
    operator("DELETE", "/api/v1/tenants/" + tenantId, 204);
  }

  private static void operator(String method, String path, int status) {
    tenantService()
        .auth()
        .oauth2(token(TenantServiceTestResource.operatorKey()))
        .request(method, path)
        .then()
        .statusCode(status);
  }

  public int userCount() {
    return google.requireCustomer(customerId).usersByEmail().size();
  }

  public static RequestSpecification tenantService() {
    return given().baseUri(TenantServiceTestResource.instance().baseUrl());
  }

  /** An access token for an API key of the test tenant-service. */
  public static String token(String apiKey) {
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
