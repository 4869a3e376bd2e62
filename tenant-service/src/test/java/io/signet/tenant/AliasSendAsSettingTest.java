package io.signet.tenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.signet.events.EventJson;
import io.signet.events.TenantSnapshot;
import io.signet.events.TenantStatus;
import io.signet.events.Topics;
import io.signet.google.GoogleScopes;
import io.signet.testing.KafkaTestClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The per-tenant option to create missing alias sendAs entries: off by default; on, it adds
 * gmail.settings.sharing to the delegation the tenant must grant and the verification checks.
 */
@QuarkusTest
@TenantServiceTestProfile
class AliasSendAsSettingTest {

  private static final String SHARING = "https://www.googleapis.com/auth/gmail.settings.sharing";

  @Test
  void offByDefaultTheScopeLineHasTheFourScopes() {
    Onboarding o = new Onboarding();
    String[] tenant = o.createTenant();
    String token = Onboarding.exchange(tenant[1]);

    given()
        .auth()
        .oauth2(token)
        .get("/api/v1/tenants/" + tenant[0])
        .then()
        .statusCode(200)
        .body("createAliasSendAs", is(false));
    given()
        .auth()
        .oauth2(token)
        .get("/api/v1/tenants/" + tenant[0] + "/delegation")
        .then()
        .statusCode(200)
        .body("scopes", hasSize(4))
        .body("scopeLine", equalTo(GoogleScopes.delegationLine()));
    o.verify(tenant[0], token)
        .body("passed", is(true))
        .body(
            "items.find { it.id == 'DELEGATION' }.evidence",
            org.hamcrest.Matchers.endsWith("holds all 4 scopes"));
  }

  @Test
  void turnedOnTheDelegationNeedsTheSharingScopeAndTheTenantIsVerifiedAgain() {
    Onboarding o = new Onboarding();
    String[] tenant = o.createTenant();
    String token = Onboarding.exchange(tenant[1]);
    o.verify(tenant[0], token).body("passed", is(true));

    setOption(tenant[0], token, true)
        .body("createAliasSendAs", is(true))
        // A requirement Google has not been asked about yet, as after a delegation change.
        .body("status", equalTo("PENDING"))
        .body("delegation.scopes", hasSize(5))
        .body("delegation.scopes[4]", equalTo(SHARING))
        .body("delegation.scopeLine", equalTo(GoogleScopes.delegationLine() + "," + SHARING));

    JsonPath missing = o.verify(tenant[0], token).extract().jsonPath();
    List<Map<String, Object>> fails = missing.getList("items.findAll { it.status == 'FAIL' }");
    assertThat(fails).as(missing.prettify()).hasSize(1);
    assertThat(fails.get(0)).containsEntry("id", "DELEGATION");
    assertThat((String) fails.get(0).get("evidence"))
        .isEqualTo("Google: unauthorized_client for " + SHARING);
    assertThat((String) fails.get(0).get("remediation"))
        .contains(GoogleScopes.delegationLine() + "," + SHARING)
        .contains("Missing now: " + SHARING);

    o.google.setDelegation(o.customerId, Onboarding.sharedClientId(), GoogleScopes.required(true));
    o.verify(tenant[0], token)
        .body("passed", is(true))
        .body(
            "items.find { it.id == 'DELEGATION' }.evidence",
            org.hamcrest.Matchers.endsWith("holds all 5 scopes"));
    given()
        .auth()
        .oauth2(token)
        .get("/api/v1/tenants/" + tenant[0])
        .then()
        .body("status", equalTo("ACTIVE"));

    try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
      List<TenantSnapshot> snapshots =
          kafka
              .awaitRecords(
                  Topics.TENANTS,
                  r ->
                      tenant[0].equals(r.key())
                          && r.value() != null
                          && r.value().contains("\"createAliasSendAs\":true")
                          && r.value().contains("\"ACTIVE\""),
                  1,
                  Duration.ofSeconds(20))
              .stream()
              .map(r -> EventJson.read(r.value(), TenantSnapshot.class))
              .toList();
      assertThat(snapshots.get(0).createAliasSendAs()).isTrue();
      assertThat(snapshots.get(0).status()).isEqualTo(TenantStatus.ACTIVE);
    }
  }

  @Test
  void turnedOffAgainTheScopeLineShrinksAndAnActiveTenantStaysActive() {
    Onboarding o = new Onboarding();
    String[] tenant = o.createTenant();
    String token = Onboarding.exchange(tenant[1]);
    setOption(tenant[0], token, true);
    o.google.setDelegation(o.customerId, Onboarding.sharedClientId(), GoogleScopes.required(true));
    o.verify(tenant[0], token).body("passed", is(true));

    setOption(tenant[0], token, false)
        .body("createAliasSendAs", is(false))
        .body("status", equalTo("ACTIVE"))
        .body("delegation.scopes", hasSize(4))
        .body("delegation.scopeLine", equalTo(GoogleScopes.delegationLine()));
    // Granting the fifth scope as well does no harm once the option is off.
    o.verify(tenant[0], token).body("passed", is(true));
  }

  private static io.restassured.response.ValidatableResponse setOption(
      String tenantId, String token, boolean on) {
    return given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(Map.of("createAliasSendAs", on))
        .patch("/api/v1/tenants/" + tenantId + "/settings")
        .then()
        .statusCode(200);
  }
}
