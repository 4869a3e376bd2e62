package io.signet.tenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.oneOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.signet.events.CloudEventHeaders;
import io.signet.events.EventJson;
import io.signet.events.TenantSnapshot;
import io.signet.events.TenantStatus;
import io.signet.events.Topics;
import io.signet.testing.KafkaTestClient;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** A tenant goes from created to ACTIVE through the public API only. */
@QuarkusTest
@TenantServiceTestProfile
class TenantOnboardingTest {

  @Test
  void aFullySetUpTenantBecomesActiveAndItsSnapshotIsPublished() {
    Onboarding onboarding = new Onboarding();
    String[] created = onboarding.createTenant();
    String tenantId = created[0];
    String tenantToken = Onboarding.exchange(created[1]);

    given()
        .auth()
        .oauth2(tenantToken)
        .get("/api/v1/tenants/" + tenantId)
        .then()
        .statusCode(200)
        .body("status", equalTo("PENDING"))
        .body("delegation.mode", equalTo("SHARED"))
        .body("delegation.clientId", equalTo(Onboarding.sharedClientId()))
        .body("delegation.scopeLine", containsString("gmail.settings.basic"));

    onboarding
        .verify(tenantId, tenantToken)
        .body("passed", is(true))
        .body("items", hasSize(7))
        .body("items.status", everyItem(oneOf("PASS", "MANUAL")))
        .body("items.find { it.id == 'APP_TRUSTED' }.status", equalTo("MANUAL"));

    given()
        .auth()
        .oauth2(tenantToken)
        .get("/api/v1/tenants/" + tenantId)
        .then()
        .body("status", equalTo("ACTIVE"));

    try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
      ConsumerRecord<String, String> record =
          kafka
              .awaitRecords(
                  Topics.TENANTS,
                  r ->
                      tenantId.equals(r.key())
                          && r.value() != null
                          && r.value().contains("\"ACTIVE\""),
                  1,
                  Duration.ofSeconds(20))
              .get(0);
      TenantSnapshot snapshot = EventJson.read(record.value(), TenantSnapshot.class);
      assertThat(snapshot.status()).isEqualTo(TenantStatus.ACTIVE);
      assertThat(snapshot.domains()).containsExactly(onboarding.domain);
      assertThat(snapshot.adminEmail()).isEqualTo(onboarding.admin);
      assertThat(snapshot.dwdClientId()).isEqualTo(Onboarding.sharedClientId());
      assertThat(KafkaTestClient.header(record, CloudEventHeaders.TYPE))
          .isEqualTo("io.signet.tenant.snapshot.v1");
      assertThat(KafkaTestClient.header(record, CloudEventHeaders.ID))
          .isEqualTo(snapshot.eventId());
    }
  }

  @Test
  void aTenantsOwnServiceAccountKeyIsUsedOnceUploaded() throws Exception {
    Onboarding onboarding = new Onboarding();
    var key = onboarding.ownServiceAccount();
    String ownClientId = new ObjectMapper().readTree(key.json()).get("client_id").asText();
    onboarding.google.setDelegation(
        onboarding.customerId, ownClientId, io.signet.google.GoogleScopes.REQUIRED);
    onboarding.google.removeDelegation(onboarding.customerId, Onboarding.sharedClientId());
    String[] created = onboarding.createTenant();
    String token = Onboarding.exchange(created[1]);
    JsonNode keyJson = new ObjectMapper().readTree(key.json());

    given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(Map.of("mode", "OWN", "serviceAccountKey", keyJson))
        .put("/api/v1/tenants/" + created[0] + "/delegation")
        .then()
        .statusCode(200)
        .body("mode", equalTo("OWN"))
        .body("clientId", equalTo(ownClientId))
        .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("serviceAccountKey")));

    onboarding.verify(created[0], token).body("passed", is(true));
  }

  @Test
  void settingsSuspendResumeAndDeleteEachPublishTheNewState() {
    Onboarding onboarding = new Onboarding();
    String tenantId = onboarding.createTenant()[0];
    String operator = Onboarding.operatorToken();

    given()
        .auth()
        .oauth2(operator)
        .contentType(ContentType.JSON)
        .body(Map.of("autoPush", false, "directorySyncIntervalMinutes", 30))
        .patch("/api/v1/tenants/" + tenantId + "/settings")
        .then()
        .statusCode(200)
        .body("autoPush", is(false))
        .body("directorySyncIntervalMinutes", is(30));
    given()
        .auth()
        .oauth2(operator)
        .post("/api/v1/tenants/" + tenantId + "/suspend")
        .then()
        .body("status", equalTo("SUSPENDED"));
    given()
        .auth()
        .oauth2(operator)
        .post("/api/v1/tenants/" + tenantId + "/resume")
        .then()
        .body("status", equalTo("PENDING"));
    given().auth().oauth2(operator).delete("/api/v1/tenants/" + tenantId).then().statusCode(204);
    given().auth().oauth2(operator).get("/api/v1/tenants/" + tenantId).then().statusCode(404);

    try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
      var records =
          kafka.awaitRecords(
              Topics.TENANTS, r -> tenantId.equals(r.key()), 5, Duration.ofSeconds(20));
      assertThat(records.subList(0, 4))
          .extracting(r -> EventJson.read(r.value(), TenantSnapshot.class).status())
          .containsExactly(
              TenantStatus.PENDING,
              TenantStatus.PENDING,
              TenantStatus.SUSPENDED,
              TenantStatus.PENDING);
      assertThat(EventJson.read(records.get(1).value(), TenantSnapshot.class).syncIntervalSeconds())
          .isEqualTo(1800);
      assertThat(records.get(4).value()).as("a tombstone").isNull();
    }

    // the deleted tenant's domain can be onboarded again
    given()
        .auth()
        .oauth2(operator)
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "displayName",
                "Again",
                "primaryDomain",
                onboarding.domain,
                "adminEmail",
                onboarding.admin))
        .post("/api/v1/tenants")
        .then()
        .statusCode(201);
  }

  @Test
  void tenantsAreListedInPages() {
    Onboarding first = new Onboarding();
    first.createTenant();
    new Onboarding().createTenant();

    given()
        .auth()
        .oauth2(Onboarding.operatorToken())
        .get("/api/v1/tenants?page=0&size=1")
        .then()
        .statusCode(200)
        .body("items", hasSize(1))
        .body("size", is(1))
        .body("total", org.hamcrest.Matchers.greaterThanOrEqualTo(2));
  }

  @Test
  void theJwksPublishesTheKeyThatVerifiesIssuedTokens() {
    given()
        .get("/.well-known/jwks.json")
        .then()
        .statusCode(200)
        .body("keys[0].kty", equalTo("RSA"))
        .body("keys[0].alg", equalTo("RS256"));
  }
}
