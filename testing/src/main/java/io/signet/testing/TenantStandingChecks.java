package io.signet.testing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.function.Supplier;
import org.hamcrest.Matchers;

/**
 * How the service under test treats a tenant's access token once tenant-service suspends or deletes
 * the tenant: within seconds (the time {@code signet.tenants} takes to reach it), not when the
 * token expires.
 */
public final class TenantStandingChecks {

  /** Long enough for the outbox relay and the consumer; far below a token's 15 minutes. */
  public static final Duration WITHIN = Duration.ofSeconds(15);

  private TenantStandingChecks() {}

  /**
   * Suspends the tenant, then waits until a change ({@code POST changePath} with {@code body}) with
   * its token answers 403 {@code tenant-suspended}; a read ({@code GET readPath}) still works.
   */
  public static void suspendAndAwaitReadOnly(
      TenantOnboarding tenant, String readPath, String changePath, String body) {
    tenant.suspend();
    awaitProblem(
        () ->
            given()
                .auth()
                .oauth2(tenant.tenantToken)
                .contentType(ContentType.JSON)
                .body(body)
                .post(changePath),
        403,
        "tenant-suspended");
    given().auth().oauth2(tenant.tenantToken).get(readPath).then().statusCode(200);
  }

  /** Deletes the tenant, then waits until a read with its token answers 401 tenant-deleted. */
  public static void deleteAndAwaitRefusal(TenantOnboarding tenant, String readPath) {
    tenant.delete();
    awaitProblem(
        () -> given().auth().oauth2(tenant.tenantToken).get(readPath), 401, "tenant-deleted");
  }

  private static void awaitProblem(Supplier<Response> call, int status, String type) {
    await()
        .atMost(WITHIN)
        .untilAsserted(
            () ->
                call.get()
                    .then()
                    .statusCode(status)
                    .contentType("application/problem+json")
                    .body("type", Matchers.equalTo("https://signet.io/problems/" + type)));
  }
}
