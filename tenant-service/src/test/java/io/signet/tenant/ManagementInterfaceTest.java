package io.signet.tenant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The production layout (the other tests keep {@code /q} on the test port): metrics, health,
 * OpenAPI and Swagger UI answer on the management port only; the public API port does not serve
 * them, so the metrics that name tenants are not reachable where API clients are.
 */
@QuarkusTest
@TenantServiceTestProfile
@TestProfile(ManagementInterfaceTest.ManagementEnabled.class)
class ManagementInterfaceTest {

  /** The management interface as in production, on a free port of this machine. */
  public static class ManagementEnabled implements QuarkusTestProfile {
    static final int PORT = freePort();

    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "quarkus.management.enabled", "true",
          "quarkus.management.test-port", Integer.toString(PORT),
          "quarkus.management.host", "127.0.0.1");
    }

    private static int freePort() {
      try (ServerSocket socket = new ServerSocket(0)) {
        return socket.getLocalPort();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static final String MANAGEMENT = "http://127.0.0.1:" + ManagementEnabled.PORT;

  @Test
  void thePublicPortServesNoManagementEndpoint() {
    for (String path :
        new String[] {"/q/metrics", "/q/health/ready", "/q/openapi", "/q/swagger-ui/"}) {
      given()
          .get(path)
          .then()
          .statusCode(404)
          .body(not(containsString("signet_")), not(containsString("openapi:")));
    }
  }

  @Test
  void theManagementPortServesMetricsHealthAndTheApiDescription() {
    // a request on the public port first, so the metrics have a Signet series to show
    given().get("/api/v1/tenants").then().statusCode(401);

    given()
        .baseUri(MANAGEMENT)
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("http_server_requests_seconds_count"));
    given().baseUri(MANAGEMENT).get("/q/health/ready").then().statusCode(200);
    given()
        .baseUri(MANAGEMENT)
        .get("/q/openapi?format=json")
        .then()
        .statusCode(200)
        .body(containsString("/api/v1/tenants"));
    given()
        .baseUri(MANAGEMENT)
        .get("/q/swagger-ui/")
        .then()
        .statusCode(200)
        .body(containsString("swagger"));
  }
}
