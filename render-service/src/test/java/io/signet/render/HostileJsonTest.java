package io.signet.render;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.signet.testing.JwtKeysTestResource;
import io.signet.testing.KafkaTestResource;
import io.signet.testing.PostgresTestResource;
import io.signet.testing.TestTokens;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shared strict JSON reading, as render-service's API meets it: a template's source may span
 * lines (tab, line feed, carriage return) but holds no other control character; its name is one
 * line; duplicate keys, deep nesting and undeclared bodies are refused. Each refusal is 400 or 415
 * problem+json and stores no template, version, rule or campaign.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(JwtKeysTestResource.class)
class HostileJsonTest {

  @Inject AgroalDataSource database;

  private final String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "NUL in the source | {\"name\":\"A\",\"source\":\"<b>x</b>\\u0000\"} | source | U+0000",
        "bell in the source | {\"name\":\"A\",\"source\":\"<b>\\u0007</b>\"} | source | U+0007",
        "line feed in the name | {\"name\":\"A\\nB\",\"source\":\"<b>x</b>\"} | name | only a template or banner may span lines",
        "tab in the name | {\"name\":\"A\\tB\",\"source\":\"<b>x</b>\"} | name | U+0009",
        "lone surrogate in the name | {\"name\":\"\\udc00\",\"source\":\"<b>x</b>\"} | name | lone surrogate",
        "number for the source | {\"name\":\"A\",\"source\":12} | source | must be a string",
        "duplicate source | {\"name\":\"A\",\"source\":\"<b>x</b>\",\"source\":\"<b>y</b>\"} | | Duplicate field 'source'",
        "deep nesting | {\"name\":\"A\",\"unknown\":"
            + "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
            + "} | | nesting depth",
      })
  void aTemplateWithHostileTextIsRefusedAndNotStored(
      String name, String body, String field, String detail) throws Exception {
    List<Long> before = counts();

    var response =
        given()
            .auth()
            .oauth2(TestTokens.tenant(tenant))
            .contentType("application/json")
            .body(body)
            .post("/api/v1/tenants/" + tenant + "/templates")
            .then()
            .statusCode(400)
            .contentType("application/problem+json")
            .body("detail", containsString(detail));
    if (field != null) {
      response.body("field", equalTo(field));
    }
    assertThat(counts()).isEqualTo(before);
  }

  @Test
  void aSourceAndABannerMaySpanLines() throws Exception {
    given()
        .auth()
        .oauth2(TestTokens.tenant(tenant))
        .contentType("application/json")
        .body(Map.of("name", "Lines", "source", "<b>{user.fullName}</b>\r\n\t<br>\n"))
        .post("/api/v1/tenants/" + tenant + "/templates")
        .then()
        .statusCode(201)
        .body("source", equalTo("<b>{user.fullName}</b>\r\n\t<br>\n"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a year Java reads and PostgreSQL cannot store | {\"name\":\"C\",\"bannerHtml\":\"<i>b</i>\",\"start\":\"2026-01-01T00:00:00Z\",\"end\":\"+1000000000-01-01T00:00:00Z\",\"audience\":{\"kind\":\"EVERYONE\"}} | start",
        "a name too long | {\"name\":\""
            + "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn"
            + "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn"
            + "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn"
            + "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn"
            + "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn"
            + "\",\"bannerHtml\":\"<i>b</i>\",\"start\":\"2026-01-01T00:00:00Z\",\"end\":\"2026-02-01T00:00:00Z\",\"audience\":{\"kind\":\"EVERYONE\"}} | name",
        "NUL in the banner | {\"name\":\"C\",\"bannerHtml\":\"<i>\\u0000</i>\",\"start\":\"2026-01-01T00:00:00Z\",\"end\":\"2026-02-01T00:00:00Z\",\"audience\":{\"kind\":\"EVERYONE\"}} | bannerHtml",
      })
  void aHostileCampaignIsRefusedAndNotStored(String name, String body, String field)
      throws Exception {
    List<Long> before = counts();

    given()
        .auth()
        .oauth2(TestTokens.tenant(tenant))
        .contentType("application/json")
        .body(body)
        .post("/api/v1/tenants/" + tenant + "/campaigns")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("field", equalTo(field));
    assertThat(counts()).isEqualTo(before);
  }

  @Test
  void rulesInAnUndeclaredOrForeignBodyAre415() throws Exception {
    List<Long> before = counts();
    String rules = "[{\"audience\":{\"kind\":\"EVERYONE\"},\"templateId\":\"tpl-x\"}]";

    given()
        .auth()
        .oauth2(TestTokens.tenant(tenant))
        .contentType("text/plain")
        .body(rules)
        .put("/api/v1/tenants/" + tenant + "/rules")
        .then()
        .statusCode(415)
        .contentType("application/problem+json");
    given()
        .auth()
        .oauth2(TestTokens.tenant(tenant))
        .noContentType()
        .body(rules.getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .put("/api/v1/tenants/" + tenant + "/rules")
        .then()
        .statusCode(415)
        .contentType("application/problem+json");
    assertThat(counts()).isEqualTo(before);
  }

  private List<Long> counts() throws Exception {
    try (Connection connection = database.getConnection();
        ResultSet rows =
            connection
                .createStatement()
                .executeQuery(
                    "select (select count(*) from template), (select count(*) from"
                        + " template_version), (select count(*) from assignment_rule),"
                        + " (select count(*) from campaign)")) {
      rows.next();
      return List.of(rows.getLong(1), rows.getLong(2), rows.getLong(3), rows.getLong(4));
    }
  }
}
