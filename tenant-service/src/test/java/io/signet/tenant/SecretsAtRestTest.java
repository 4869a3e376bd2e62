package io.signet.tenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.signet.events.Topics;
import io.signet.testing.KafkaTestClient;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** No private key material in the database, in events or in answers, and no API key either. */
@QuarkusTest
@TenantServiceTestProfile
class SecretsAtRestTest {

  @Inject AgroalDataSource database;

  @Test
  void uploadedKeysAndApiKeysNeverAppearInClear() throws Exception {
    Onboarding onboarding = new Onboarding();
    var key = onboarding.ownServiceAccount();
    String[] tenant = onboarding.createTenant();
    String token = Onboarding.exchange(tenant[1]);
    var keyNode = new ObjectMapper().readTree(key.json());
    String privateKey = keyNode.get("private_key").asText();
    String keyBody =
        privateKey
            .replace("-----BEGIN PRIVATE KEY-----", "")
            .replace("-----END PRIVATE KEY-----", "")
            .replaceAll("\\s", "");

    String answer =
        given()
            .auth()
            .oauth2(token)
            .contentType(ContentType.JSON)
            .body(Map.of("mode", "OWN", "serviceAccountKey", keyNode))
            .put("/api/v1/tenants/" + tenant[0] + "/delegation")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    onboarding.verify(tenant[0], token);

    List<String> forbidden =
        List.of(
            "PRIVATE KEY",
            keyBody.substring(0, 40),
            keyBody.substring(keyBody.length() - 40),
            tenant[1],
            tenant[1].substring(tenant[1].lastIndexOf('_') + 1));
    assertThat(answer).doesNotContain(forbidden);
    for (String table :
        List.of(
            "tenant",
            "tenant_domain",
            "api_key",
            "vault_secret",
            "shared_service_account",
            "verification_run",
            "outbox_event")) {
      String dump = dump(table);
      assertThat(dump).as("table " + table).doesNotContain(forbidden);
      assertThat(dump)
          .as("table " + table + " base64")
          .doesNotContain(
              Base64.getEncoder()
                  .encodeToString(privateKey.getBytes(StandardCharsets.UTF_8))
                  .substring(0, 40));
    }
    try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
      var events =
          kafka.awaitRecords(
              Topics.TENANTS, r -> tenant[0].equals(r.key()), 2, Duration.ofSeconds(20));
      events.forEach(
          record -> assertThat(String.valueOf(record.value())).doesNotContain(forbidden));
    }
  }

  /** Every column of every row, as text (bytes as UTF-8 and hex). */
  private String dump(String table) throws Exception {
    List<String> values = new ArrayList<>();
    try (Connection connection = database.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("select * from " + table)) {
      ResultSetMetaData meta = rows.getMetaData();
      while (rows.next()) {
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          Object value = rows.getObject(i);
          if (value instanceof byte[] bytes) {
            values.add(new String(bytes, StandardCharsets.UTF_8));
            values.add(java.util.HexFormat.of().formatHex(bytes));
          } else {
            values.add(String.valueOf(value));
          }
        }
      }
    }
    return String.join("\n", values);
  }
}
