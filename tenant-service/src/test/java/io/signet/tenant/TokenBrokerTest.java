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
        Onboarding.broker()
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
        .contentType("application/problem+json")
        .body("type", equalTo("https://signet.io/problems/subject-refused"))
        .body("detail", org.hamcrest.Matchers.containsString("Invalid email or User ID"));
  }

  /** A deleted, restricted or disabled user is that user's trouble, with Google's words. */
  @Test
  void oneUsersAccountTroubleIsRefusedForThatUserAloneWithGooglesReason() {
    Onboarding onboarding = new Onboarding();
    String tenantId = onboarding.createTenant()[0];
    String jane = "jane@" + onboarding.domain;
    String bob = "bob@" + onboarding.domain;
    String eve = "eve@" + onboarding.domain;
    onboarding.google.createUser(
        onboarding.customerId, io.signet.emulator.state.UserSpec.ofEmail(bob, "Bob", "B"));
    onboarding.google.createUser(
        onboarding.customerId, io.signet.emulator.state.UserSpec.ofEmail(eve, "Eve", "E"));

    onboarding.google.deleteUser(jane);
    onboarding.google.setStanding(
        bob, io.signet.emulator.state.AccountTroubles.Standing.RESTRICTED);
    onboarding.google.setStanding(eve, io.signet.emulator.state.AccountTroubles.Standing.DISABLED);

    broker(tenantId, jane, GoogleScopes.GMAIL_SETTINGS_BASIC)
        .statusCode(422)
        .body("type", equalTo("https://signet.io/problems/subject-refused"))
        .body("detail", equalTo("400 invalid_grant: The account has been deleted"));
    broker(tenantId, bob, GoogleScopes.GMAIL_SETTINGS_BASIC)
        .statusCode(422)
        .body("detail", equalTo("400 access_denied: Account restricted"));
    broker(tenantId, eve, GoogleScopes.GMAIL_SETTINGS_BASIC)
        .statusCode(422)
        .body("detail", equalTo("400 invalid_account: Forbidden"));
    // the tenant's other users still get tokens
    broker(tenantId, onboarding.admin, GoogleScopes.GMAIL_SETTINGS_BASIC).statusCode(200);
  }

  @Test
  void aDisabledServiceAccountIsTheDelegationsTrouble() {
    Onboarding onboarding = new Onboarding();
    String tenantId = onboarding.createTenant()[0];
    onboarding.google.setStanding(
        Onboarding.sharedClientId(),
        io.signet.emulator.state.AccountTroubles.ServiceAccountStanding.DISABLED);
    try {
      broker(tenantId, onboarding.admin, GoogleScopes.GMAIL_SETTINGS_BASIC)
          .statusCode(403)
          .body("type", equalTo("https://signet.io/problems/delegation-denied"))
          .body("detail", org.hamcrest.Matchers.containsString("Robot is disabled."));
    } finally {
      onboarding.google.setStanding(
          Onboarding.sharedClientId(),
          io.signet.emulator.state.AccountTroubles.ServiceAccountStanding.ACTIVE);
    }
  }

  @Test
  void aSkewedClockIsOursToRetryAndCounted() {
    Onboarding onboarding = new Onboarding();
    String tenantId = onboarding.createTenant()[0];
    double before = clockSkewRefusals();
    TestEmulator.instance().controls().setTokenClockOffset(java.time.Duration.ofHours(2));
    try {
      broker(tenantId, onboarding.admin, GoogleScopes.GMAIL_SETTINGS_BASIC)
          .statusCode(503)
          .contentType("application/problem+json")
          .body("type", equalTo("https://signet.io/problems/clock-skew"))
          .body("detail", org.hamcrest.Matchers.containsString("iat and exp"));
    } finally {
      TestEmulator.instance().controls().setTokenClockOffset(java.time.Duration.ZERO);
    }
    assertThat(clockSkewRefusals()).isEqualTo(before + 1);
    broker(tenantId, onboarding.admin, GoogleScopes.GMAIL_SETTINGS_BASIC).statusCode(200);
  }

  private static double clockSkewRefusals() {
    return given()
        .get("/q/metrics")
        .then()
        .extract()
        .asString()
        .lines()
        .filter(
            line ->
                line.startsWith("signet_tenant_token_refusals_total{")
                    && line.contains("type=\"clock-skew\""))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
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
    return Onboarding.broker()
        .auth()
        .oauth2(Onboarding.serviceToken())
        .contentType(ContentType.JSON)
        .body(Map.of("tenantId", tenantId, "subject", subject, "scopes", List.of(scope)))
        .post("/internal/v1/tokens")
        .then();
  }
}
