package io.signet.tenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.gmail.Gmail;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.signet.google.GoogleScopes;
import io.signet.testing.TestEmulator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Services get Google tokens for a tenant's users without ever seeing a key. */
@QuarkusTest
@TenantServiceTestProfile
class TokenBrokerTest {

  @Test
  void aBrokeredTokenWorksWithGmailAndIsCached() throws Exception {
    Onboarding onboarding = new Onboarding();
    String tenantId = onboarding.createTenant()[0];
    String jane = "jane@" + onboarding.domain;

    String first =
        broker(tenantId, jane, GoogleScopes.GMAIL_SETTINGS_BASIC)
            .statusCode(200)
            .extract()
            .path("accessToken");
    String second =
        broker(tenantId, jane, GoogleScopes.GMAIL_SETTINGS_BASIC)
            .statusCode(200)
            .extract()
            .path("accessToken");

    assertThat(second).isEqualTo(first);
    Gmail gmail =
        new Gmail.Builder(
                new NetHttpTransport(),
                GsonFactory.getDefaultInstance(),
                request -> request.getHeaders().setAuthorization("Bearer " + first))
            .setRootUrl(TestEmulator.instance().baseUrl())
            .build();
    assertThat(gmail.users().settings().sendAs().list("me").execute().getSendAs())
        .extracting("sendAsEmail")
        .containsExactly(jane);
  }

  @Test
  void aTokenGoogleRejectedIsNotHandedOutAgain() {
    Onboarding onboarding = new Onboarding();
    String tenantId = onboarding.createTenant()[0];
    String first =
        broker(tenantId, onboarding.admin, GoogleScopes.GMAIL_SETTINGS_BASIC)
            .statusCode(200)
            .extract()
            .path("accessToken");

    String second =
        given()
            .auth()
            .oauth2(Onboarding.serviceToken())
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "tenantId",
                    tenantId,
                    "subject",
                    onboarding.admin,
                    "scopes",
                    List.of(GoogleScopes.GMAIL_SETTINGS_BASIC),
                    "rejectedToken",
                    first))
            .post("/internal/v1/tokens")
            .then()
            .statusCode(200)
            .extract()
            .path("accessToken");

    assertThat(second).isNotEqualTo(first);
  }

  @Test
  void aMissingDelegationIsRefusedWithGooglesReason() {
    Onboarding onboarding = new Onboarding();
    String tenantId = onboarding.createTenant()[0];
    onboarding.google.removeDelegation(onboarding.customerId, Onboarding.sharedClientId());

    broker(tenantId, onboarding.admin, GoogleScopes.GMAIL_SETTINGS_BASIC)
        .statusCode(403)
        .contentType("application/problem+json")
        .body("type", equalTo("https://signet.io/problems/delegation-denied"))
        .body("detail", org.hamcrest.Matchers.containsString("unauthorized_client"));
  }

  @Test
  void anUnknownUserIsRefusedAsSuch() {
    Onboarding onboarding = new Onboarding();
    String tenantId = onboarding.createTenant()[0];

    broker(tenantId, "ghost@" + onboarding.domain, GoogleScopes.GMAIL_SETTINGS_BASIC)
        .statusCode(422)
        .body("type", equalTo("https://signet.io/problems/subject-unknown"));
  }

  @Test
  void aSuspendedTenantGetsNoTokensAndAForeignSubjectNeither() {
    Onboarding onboarding = new Onboarding();
    String tenantId = onboarding.createTenant()[0];

    broker(tenantId, "someone@elsewhere.test", GoogleScopes.GMAIL_SETTINGS_BASIC).statusCode(403);
    given()
        .auth()
        .oauth2(Onboarding.operatorToken())
        .post("/api/v1/tenants/" + tenantId + "/suspend");
    broker(tenantId, onboarding.admin, GoogleScopes.GMAIL_SETTINGS_BASIC)
        .statusCode(409)
        .body("type", equalTo("https://signet.io/problems/tenant-suspended"));
  }

  private static io.restassured.response.ValidatableResponse broker(
      String tenantId, String subject, String scope) {
    return given()
        .auth()
        .oauth2(Onboarding.serviceToken())
        .contentType(ContentType.JSON)
        .body(Map.of("tenantId", tenantId, "subject", subject, "scopes", List.of(scope)))
        .post("/internal/v1/tokens")
        .then();
  }
}
