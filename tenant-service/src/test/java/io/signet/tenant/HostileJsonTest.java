package io.signet.tenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a hostile client sends as JSON — control characters, numbers that overflow, duplicate keys,
 * deep nesting, the wrong content type — each answered 400 or 415 problem+json, naming the field
 * where one is at fault, and nothing stored: no tenant, domain, outbox or vault row, no setting
 * changed.
 */
@QuarkusTest
@TenantServiceTestProfile
class HostileJsonTest {

  private static final String TENANTS = "/api/v1/tenants";

  @Inject AgroalDataSource database;

  private String tenantId;
  private String tenantToken;

  @BeforeEach
  void tenant() {
    String[] created = new Onboarding().createTenant();
    tenantId = created[0];
    tenantToken = Onboarding.exchange(created[1]);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "NUL in a name | {\"displayName\":\"Acme\\u0000\",\"primaryDomain\":\"acme-h.test\",\"adminEmail\":\"a@acme-h.test\"} | displayName | U+0000",
        "escape sequence in a name | {\"displayName\":\"\\u001b[31mAcme\",\"primaryDomain\":\"acme-h.test\",\"adminEmail\":\"a@acme-h.test\"} | displayName | U+001B",
        "line feed in a name | {\"displayName\":\"Acme\\nLtd\",\"primaryDomain\":\"acme-h.test\",\"adminEmail\":\"a@acme-h.test\"} | displayName | only a template or banner may span lines",
        "C1 control in an email | {\"displayName\":\"Acme\",\"primaryDomain\":\"acme-h.test\",\"adminEmail\":\"a\\u0085@acme-h.test\"} | adminEmail | U+0085",
        "lone surrogate in a domain | {\"displayName\":\"Acme\",\"primaryDomain\":\"acme\\ud800.test\",\"adminEmail\":\"a@acme-h.test\"} | primaryDomain | lone surrogate",
        "NUL in a list item | {\"displayName\":\"Acme\",\"primaryDomain\":\"acme-h.test\",\"extraDomains\":[\"ok.test\",\"x\\u0000.test\"],\"adminEmail\":\"a@acme-h.test\"} | extraDomains[1] | U+0000",
        "number for a name | {\"displayName\":1e309,\"primaryDomain\":\"acme-h.test\",\"adminEmail\":\"a@acme-h.test\"} | displayName | must be a string",
        "boolean for an email | {\"displayName\":\"Acme\",\"primaryDomain\":\"acme-h.test\",\"adminEmail\":true} | adminEmail | must be a string",
      })
  void controlCharactersInStringsAreRefusedAndNothingIsStored(
      String name, String body, String field, String detail) throws Exception {
    List<Long> before = counts();

    ValidatableResponse response = createTenant(body, 400);
    if (field != null) {
      response.body("field", equalTo(field)).body("detail", containsString(detail));
    }
    assertThat(counts()).isEqualTo(before);
  }

  @Test
  void duplicateKeysAreRefused() throws Exception {
    List<Long> before = counts();

    createTenant(
            "{\"displayName\":\"Acme\",\"primaryDomain\":\"acme-h.test\",\"adminEmail\":\"a@acme-h.test\","
                + "\"primaryDomain\":\"victim.test\"}",
            400)
        .body("type", equalTo("https://signet.io/problems/malformed-json"))
        .body("detail", containsString("Duplicate field 'primaryDomain'"));
    assertThat(counts()).isEqualTo(before);
  }

  @Test
  void deeplyNestedJsonAndOverlongNumbersAreRefusedWhileParsing() throws Exception {
    List<Long> before = counts();

    given()
        .auth()
        .oauth2(tenantToken)
        .contentType("application/json")
        .body(
            "{\"mode\":\"OWN\",\"serviceAccountKey\":"
                + "{\"a\":".repeat(100)
                + "1"
                + "}".repeat(101))
        .put(TENANTS + "/" + tenantId + "/delegation")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo("https://signet.io/problems/json-too-complex"))
        .body("detail", containsString("nesting depth"));
    createTenant("{\"displayName\":" + "9".repeat(2_000) + "}", 400)
        .body("type", equalTo("https://signet.io/problems/json-too-complex"))
        .body("detail", containsString("Number value length"));
    assertThat(counts()).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Long.MAX_VALUE minutes | {\"directorySyncIntervalMinutes\": 9223372036854775807} | 5 minutes to 7 days",
        "beyond a long | {\"directorySyncIntervalMinutes\": 99999999999999999999} | out of range",
        "minus one | {\"directorySyncIntervalMinutes\": -1} | 5 minutes to 7 days",
        "a float | {\"directorySyncIntervalMinutes\": 60.5} | must be a Long",
        "infinity | {\"directorySyncIntervalMinutes\": 1e309} | must be a Long",
        "NaN | {\"directorySyncIntervalMinutes\": \"NaN\"} | must be a Long",
        "duplicate key | {\"autoPush\": true, \"autoPush\": false} | Duplicate field",
        "a number for a boolean | {\"autoPush\": -1} | autoPush",
        "NUL for a boolean (found by the sweep) | {\"autoPush\": \"\\u0000\"} | autoPush",
        "text for a boolean | {\"createAliasSendAs\": \"true\"} | createAliasSendAs",
        "empty text for a number | {\"directorySyncIntervalMinutes\": \"\"} | directorySyncIntervalMinutes",
      })
  void numbersThatOverflowAndDuplicateSettingsChangeNothing(String name, String body, String detail)
      throws Exception {
    String before = tenantRow();

    given()
        .auth()
        .oauth2(tenantToken)
        .contentType("application/json")
        .body(body)
        .patch(TENANTS + "/" + tenantId + "/settings")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString(detail));
    assertThat(tenantRow()).isEqualTo(before);
  }

  @Test
  void aPageWhoseFirstRowOverflowsIsRefused() {
    for (String path :
        List.of(
            TENANTS + "?page=2147483647&size=200",
            TENANTS + "/" + tenantId + "/verifications?page=2147483647&size=2")) {
      given()
          .auth()
          .oauth2(Onboarding.operatorToken())
          .get(path)
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("field", equalTo("page"));
    }
  }

  @Test
  void aBodyThatIsNotDeclaredJsonIs415() throws Exception {
    List<Long> before = counts();
    String body =
        "{\"displayName\":\"Acme\",\"primaryDomain\":\"acme-h.test\",\"adminEmail\":\"a@acme-h.test\"}";

    for (String type : List.of("text/plain", "application/x-www-form-urlencoded")) {
      given()
          .auth()
          .oauth2(Onboarding.operatorToken())
          .contentType(type)
          .body(body)
          .post(TENANTS)
          .then()
          .statusCode(415)
          .contentType("application/problem+json");
    }
    // no Content-Type at all: RestAssured would add one for a String body, so send bytes
    given()
        .auth()
        .oauth2(Onboarding.operatorToken())
        .noContentType()
        .body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .post(TENANTS)
        .then()
        .statusCode(415)
        .contentType("application/problem+json");
    assertThat(counts()).isEqualTo(before);
  }

  private ValidatableResponse createTenant(String body, int status) {
    return given()
        .auth()
        .oauth2(Onboarding.operatorToken())
        .contentType("application/json")
        .body(body)
        .post(TENANTS)
        .then()
        .statusCode(status)
        .contentType("application/problem+json")
        .body("status", equalTo(status));
  }

  private List<Long> counts() throws Exception {
    try (Connection connection = database.getConnection();
        ResultSet rows =
            connection
                .createStatement()
                .executeQuery(
                    "select (select count(*) from tenant), (select count(*) from tenant_domain),"
                        + " (select count(*) from outbox_event), (select count(*) from vault_secret)")) {
      rows.next();
      return List.of(rows.getLong(1), rows.getLong(2), rows.getLong(3), rows.getLong(4));
    }
  }

  private String tenantRow() throws Exception {
    try (Connection connection = database.getConnection();
        PreparedStatement statement =
            connection.prepareStatement("select t::text from tenant t where id = ?")) {
      statement.setString(1, tenantId);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getString(1);
      }
    }
  }
}
