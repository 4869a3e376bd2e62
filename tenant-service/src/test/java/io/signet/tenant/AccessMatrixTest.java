package io.signet.tenant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.oneOf;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.signet.testing.TestTokens;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Who may call what: a tenant never reaches another tenant; operator calls refuse tenants. */
@QuarkusTest
@TenantServiceTestProfile
class AccessMatrixTest {

  private String tenantA;
  private String tokenA;
  private String tenantB;

  @BeforeEach
  void twoTenants() {
    String[] a = new Onboarding().createTenant();
    String[] b = new Onboarding().createTenant();
    tenantA = a[0];
    tokenA = Onboarding.exchange(a[1]);
    tenantB = b[0];
  }

  /** Every tenant endpoint: {@code {method, path pattern, body}}; {id} is the tenant id. */
  static Stream<Arguments> tenantEndpoints() {
    return Stream.of(
        Arguments.of("GET", "/api/v1/tenants/{id}", null),
        Arguments.of("PATCH", "/api/v1/tenants/{id}/settings", "{\"autoPush\":false}"),
        Arguments.of("GET", "/api/v1/tenants/{id}/delegation", null),
        Arguments.of("PUT", "/api/v1/tenants/{id}/delegation", "{\"mode\":\"SHARED\"}"),
        Arguments.of("POST", "/api/v1/tenants/{id}/verifications", null),
        Arguments.of("GET", "/api/v1/tenants/{id}/verifications", null),
        Arguments.of("GET", "/api/v1/tenants/{id}/verifications/latest", null));
  }

  /** Operator-only endpoints. */
  static Stream<Arguments> operatorEndpoints() {
    return Stream.of(
        Arguments.of("GET", "/api/v1/tenants", null),
        Arguments.of(
            "POST",
            "/api/v1/tenants",
            "{\"displayName\":\"X\",\"primaryDomain\":\"sneaky.test\",\"adminEmail\":\"a@sneaky.test\"}"),
        Arguments.of("POST", "/api/v1/tenants/{id}/suspend", null),
        Arguments.of("POST", "/api/v1/tenants/{id}/resume", null),
        Arguments.of("DELETE", "/api/v1/tenants/{id}", null),
        Arguments.of("GET", "/api/v1/operator/shared-service-account", null),
        Arguments.of(
            "PUT", "/api/v1/operator/shared-service-account", "{\"type\":\"service_account\"}"),
        Arguments.of("POST", "/api/v1/operator/vault/reencrypt", null));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("tenantEndpoints")
  void anotherTenantsCredentialIsRefused(String method, String path, String body) {
    call(tokenA, method, path.replace("{id}", tenantB), body)
        .then()
        .statusCode(oneOf(403, 404))
        .contentType("application/problem+json");
    // and tenant B is untouched
    given()
        .auth()
        .oauth2(Onboarding.operatorToken())
        .get("/api/v1/tenants/" + tenantB)
        .then()
        .body("autoPush", equalTo(true));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("tenantEndpoints")
  void noCredentialIsUnauthorized(String method, String path, String body) {
    call(null, method, path.replace("{id}", tenantA), body)
        .then()
        .statusCode(401)
        .contentType("application/problem+json");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("tenantEndpoints")
  void anExpiredOrForeignlySignedTokenIsUnauthorized(String method, String path, String body) {
    call(TestTokens.expiredTenant(tenantA), method, path.replace("{id}", tenantA), body)
        .then()
        .statusCode(401);
    call(tokenA + "x", method, path.replace("{id}", tenantA), body).then().statusCode(401);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("operatorEndpoints")
  void operatorEndpointsRefuseTenantCredentials(String method, String path, String body) {
    call(tokenA, method, path.replace("{id}", tenantA), body)
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("operatorEndpoints")
  void operatorEndpointsRefuseServiceCredentials(String method, String path, String body) {
    call(Onboarding.serviceToken(), method, path.replace("{id}", tenantA), body)
        .then()
        .statusCode(403);
  }

  @Test
  void theTokenBrokerRefusesTenantAndOperatorCredentials() {
    String body = "{\"tenantId\":\"" + tenantA + "\",\"subject\":\"a@b.test\",\"scopes\":[\"x\"]}";
    call(tokenA, "POST", "/internal/v1/tokens", body).then().statusCode(403);
    call(Onboarding.operatorToken(), "POST", "/internal/v1/tokens", body).then().statusCode(403);
    call(null, "POST", "/internal/v1/tokens", body).then().statusCode(401);
    // not on the public port at all, not even for a service
    given()
        .auth()
        .oauth2(Onboarding.serviceToken())
        .contentType(ContentType.JSON)
        .body(body)
        .post("/internal/v1/tokens")
        .then()
        .statusCode(404);
  }

  @Test
  void aWrongApiKeyGetsNoToken() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"apiKey\":\"sgt_nope_nope\"}")
        .post("/api/v1/auth/token")
        .then()
        .statusCode(401)
        .contentType("application/problem+json");
  }

  @Test
  void aDeletedTenantsApiKeyGetsNoToken() {
    String[] c = new Onboarding().createTenant();
    given()
        .auth()
        .oauth2(Onboarding.operatorToken())
        .delete("/api/v1/tenants/" + c[0])
        .then()
        .statusCode(204);

    given()
        .contentType(ContentType.JSON)
        .body("{\"apiKey\":\"" + c[1] + "\"}")
        .post("/api/v1/auth/token")
        .then()
        .statusCode(401);
  }

  private static io.restassured.response.Response call(
      String token, String method, String path, String body) {
    RequestSpecification request = path.startsWith("/internal/") ? Onboarding.broker() : given();
    if (token != null) {
      request = request.auth().oauth2(token);
    }
    if (body != null) {
      request = request.contentType(ContentType.JSON).body(body);
    }
    return request.request(method, path);
  }
}
