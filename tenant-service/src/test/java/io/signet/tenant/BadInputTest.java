package io.signet.tenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input gets a 4xx problem+json naming what is wrong, and stores nothing. */
@QuarkusTest
@TenantServiceTestProfile
class BadInputTest {

  @Inject AgroalDataSource database;

  private Onboarding onboarding;
  private String tenantId;
  private String tenantToken;

  @BeforeEach
  void tenant() {
    onboarding = new Onboarding();
    String[] created = onboarding.createTenant();
    tenantId = created[0];
    tenantToken = Onboarding.exchange(created[1]);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "invalid domain | {\"displayName\":\"X\",\"primaryDomain\":\"not a domain\",\"adminEmail\":\"a@b.test\"} | 400 | primaryDomain | not a valid domain",
        "invalid extra domain | {\"displayName\":\"X\",\"primaryDomain\":\"ok-domain.test\",\"extraDomains\":[\"bad_domain\"],\"adminEmail\":\"a@ok-domain.test\"} | 400 | extraDomains[0] | not a valid domain",
        "admin outside domains | {\"displayName\":\"X\",\"primaryDomain\":\"ok-domain.test\",\"adminEmail\":\"admin@elsewhere.test\"} | 400 | adminEmail | one of the tenant's domains",
        "invalid admin email | {\"displayName\":\"X\",\"primaryDomain\":\"ok-domain.test\",\"adminEmail\":\"nope\"} | 400 | adminEmail | not a valid email",
        "missing display name | {\"primaryDomain\":\"ok-domain.test\",\"adminEmail\":\"a@ok-domain.test\"} | 400 | displayName | displayName is required",
        "unknown field | {\"displayName\":\"X\",\"primaryDomain\":\"ok-domain.test\",\"adminEmail\":\"a@ok-domain.test\",\"plan\":\"gold\"} | 400 | plan | unknown field 'plan'",
        "wrong type | {\"displayName\":\"X\",\"primaryDomain\":\"ok-domain.test\",\"adminEmail\":\"a@ok-domain.test\",\"extraDomains\":\"x.test\"} | 400 | extraDomains | wrong type",
        "malformed JSON | {\"displayName\": | 400 | | not valid JSON",
      })
  void createTenantRefusesBadInput(
      String name, String body, int status, String field, String detail) throws Exception {
    long before = count("tenant");

    var response =
        given()
            .auth()
            .oauth2(Onboarding.operatorToken())
            .contentType(ContentType.JSON)
            .body(body)
            .post("/api/v1/tenants")
            .then()
            .statusCode(status)
            .contentType("application/problem+json")
            .body("status", equalTo(status))
            .body("type", startsWith("https://signet.io/problems/"))
            .body("detail", containsString(detail));
    if (field != null && !field.isBlank()) {
      response.body("field", equalTo(field));
    }
    assertThat(count("tenant")).isEqualTo(before);
  }

  @Test
  void aDomainAlreadyOwnedByAnotherTenantIsAConflict() throws Exception {
    long before = count("tenant");

    given()
        .auth()
        .oauth2(Onboarding.operatorToken())
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "displayName",
                "Thief",
                "primaryDomain",
                onboarding.domain,
                "adminEmail",
                onboarding.admin))
        .post("/api/v1/tenants")
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("type", equalTo("https://signet.io/problems/domain-taken"))
        .body("detail", containsString(onboarding.domain));
    assertThat(count("tenant")).isEqualTo(before);
  }

  @Test
  void anOversizedBodyIsRefusedBeforeItIsRead() throws Exception {
    long before = count("tenant");

    given()
        .auth()
        .oauth2(Onboarding.operatorToken())
        .contentType(ContentType.JSON)
        .body("{\"displayName\":\"" + "x".repeat(200_000) + "\"}")
        .post("/api/v1/tenants")
        .then()
        .statusCode(413)
        .contentType("application/problem+json")
        .body("type", equalTo("https://signet.io/problems/body-too-large"));
    assertThat(count("tenant")).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "not JSON at all | \"just a string\" | serviceAccountKey | must be a JSON object",
        "wrong key type | {\"type\":\"authorized_user\",\"client_id\":\"123\"} | serviceAccountKey.type | must be \"service_account\"",
        "PEM garbage | {\"type\":\"service_account\",\"client_email\":\"sa@p.iam.gserviceaccount.com\",\"client_id\":\"123456789012345678901\",\"private_key\":\"-----BEGIN PRIVATE KEY-----\\nnot-base64!!\\n-----END PRIVATE KEY-----\\n\"} | serviceAccountKey.private_key | not a usable RSA private key",
        "no private key | {\"type\":\"service_account\",\"client_email\":\"sa@p.iam.gserviceaccount.com\",\"client_id\":\"123456789012345678901\"} | serviceAccountKey.private_key | missing",
        "no client email | {\"type\":\"service_account\",\"client_id\":\"123456789012345678901\"} | serviceAccountKey.client_email | client_email",
        "bad client id | {\"type\":\"service_account\",\"client_email\":\"sa@p.iam.gserviceaccount.com\",\"client_id\":\"abc\"} | serviceAccountKey.client_id | numeric",
      })
  void anUnusableServiceAccountKeyIsRefusedAndNotStored(
      String name, String key, String field, String detail) throws Exception {
    long secretsBefore = count("vault_secret");

    given()
        .auth()
        .oauth2(tenantToken)
        .contentType(ContentType.JSON)
        .body("{\"mode\":\"OWN\",\"serviceAccountKey\":" + key + "}")
        .put("/api/v1/tenants/" + tenantId + "/delegation")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("field", equalTo(field))
        .body("detail", containsString(detail))
        .body("detail", org.hamcrest.Matchers.not(containsString("not-base64")));
    assertThat(count("vault_secret")).isEqualTo(secretsBefore);
    given()
        .auth()
        .oauth2(tenantToken)
        .get("/api/v1/tenants/" + tenantId)
        .then()
        .body("delegation.mode", equalTo("SHARED"));
  }

  @Test
  void aMalformedKeyBodyIsRefused() throws Exception {
    long secretsBefore = count("vault_secret");

    given()
        .auth()
        .oauth2(tenantToken)
        .contentType(ContentType.JSON)
        .body("{\"mode\":\"OWN\",\"serviceAccountKey\":{\"type\":")
        .put("/api/v1/tenants/" + tenantId + "/delegation")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    assertThat(count("vault_secret")).isEqualTo(secretsBefore);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "interval too short | {\"directorySyncIntervalMinutes\": 1} | directorySyncIntervalMinutes",
        "interval not a number | {\"directorySyncIntervalMinutes\": \"soon\"} | directorySyncIntervalMinutes",
        "unknown setting | {\"colour\": \"blue\"} | colour",
        "alias option not a boolean | {\"createAliasSendAs\": \"yes\"} | createAliasSendAs",
      })
  void badSettingsAreRefused(String name, String body, String field) {
    given()
        .auth()
        .oauth2(tenantToken)
        .contentType(ContentType.JSON)
        .body(body)
        .patch("/api/v1/tenants/" + tenantId + "/settings")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("field", equalTo(field));
  }

  @Test
  void badPagingIsRefused() {
    for (String query : List.of("size=0", "size=201", "page=-1")) {
      given()
          .auth()
          .oauth2(Onboarding.operatorToken())
          .get("/api/v1/tenants?" + query)
          .then()
          .statusCode(400)
          .contentType("application/problem+json");
    }
  }

  private long count(String table) throws Exception {
    try (Connection connection = database.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("select count(*) from " + table)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
