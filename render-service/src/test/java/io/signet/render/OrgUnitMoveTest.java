package io.signet.render;

import static io.restassured.RestAssured.given;
import static io.signet.render.RenderTestEvents.publishTenant;
import static io.signet.render.RenderTestEvents.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.signet.events.DirectoryUser;
import io.signet.events.EventJson;
import io.signet.events.RenderCause;
import io.signet.events.SignatureRendered;
import io.signet.events.Topics;
import io.signet.testing.JwtKeysTestResource;
import io.signet.testing.KafkaTestClient;
import io.signet.testing.KafkaTestResource;
import io.signet.testing.PostgresTestResource;
import io.signet.testing.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * An OU move reaches render-service as an ordinary user update on signet.directory-users (Google's
 * users.watch reports it as {@code update}); the user is rendered again with the ORG_UNIT rule that
 * now matches, and a nested group's membership (expanded by directory-sync) matches a GROUP rule.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(JwtKeysTestResource.class)
class OrgUnitMoveTest {

  @Test
  void anOrgUnitMoveRendersWithTheOrgUnitRuleThatNowMatches() {
    String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    String token = TestTokens.tenant(tenant);
    try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
      publishTenant(kafka, tenant);
      String parentGroup =
          RenderTestApi.createTemplate(tenant, "Parent group", "<b>Group {user.fullName}</b>");
      String sales = RenderTestApi.createTemplate(tenant, "Sales", "<b>Sales {user.fullName}</b>");
      String engineering =
          RenderTestApi.createTemplate(tenant, "Engineering", "<b>Eng {user.fullName}</b>");
      given()
          .auth()
          .oauth2(token)
          .contentType(ContentType.JSON)
          .body(
              List.of(
                  rule("GROUP", "parent@acme.ch", parentGroup),
                  rule("ORG_UNIT", "/Sales", sales),
                  rule("ORG_UNIT", "/Engineering", engineering)))
          .put("/api/v1/tenants/" + tenant + "/rules")
          .then()
          .statusCode(200);

      kafka.sendAll(
          List.of(
              record(user(tenant, "1", "/Sales/EMEA", List.of(), "h1")),
              record(
                  user(tenant, "2", "/Sales", List.of("child@acme.ch", "parent@acme.ch"), "h2"))));
      assertThat(latest(kafka, tenant, "1", 1).templateId()).isEqualTo(sales);
      assertThat(latest(kafka, tenant, "2", 1).templateId()).isEqualTo(parentGroup);

      kafka.sendAll(List.of(record(user(tenant, "1", "/Engineering", List.of(), "h1-moved"))));
      SignatureRendered moved = latest(kafka, tenant, "1", 2);
      assertThat(moved.templateId()).isEqualTo(engineering);
      assertThat(moved.cause()).isEqualTo(RenderCause.DIRECTORY);
      assertThat(moved.targets().get(0).html()).contains("Eng User 1");
    }
  }

  /** The user's latest signature once {@code count} of them arrived. */
  private static SignatureRendered latest(
      KafkaTestClient kafka, String tenant, String userId, int count) {
    String key = Topics.userKey(tenant, userId);
    List<ConsumerRecord<String, String>> records =
        kafka.awaitRecords(
            Topics.SIGNATURES,
            r -> key.equals(r.key()) && r.value() != null,
            count,
            Duration.ofSeconds(60));
    return EventJson.read(records.get(count - 1).value(), SignatureRendered.class);
  }

  private static Map<String, Object> rule(String kind, String value, String templateId) {
    return Map.of("audience", Map.of("kind", kind, "value", value), "templateId", templateId);
  }

  private static DirectoryUser user(
      String tenant, String id, String orgUnit, List<String> groups, String hash) {
    return new DirectoryUser(
        UUID.randomUUID().toString(),
        Instant.now(),
        DirectoryUser.SCHEMA_VERSION,
        tenant,
        id,
        "user" + id + "@acme.ch",
        List.of(),
        new DirectoryUser.PersonName("User", id, "User " + id, null),
        "Engineer",
        "R&D",
        List.of(),
        List.of(),
        orgUnit,
        groups,
        Map.of(),
        false,
        false,
        null,
        hash);
  }
}
