package io.signet.render;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.signet.events.CloudEventHeaders;
import io.signet.events.DirectoryUser;
import io.signet.events.EventJson;
import io.signet.events.EventRecords;
import io.signet.events.SignatureRendered;
import io.signet.events.TenantSnapshot;
import io.signet.events.TenantStatus;
import io.signet.events.Topics;
import io.signet.testing.JwtKeysTestResource;
import io.signet.testing.KafkaTestClient;
import io.signet.testing.KafkaTestResource;
import io.signet.testing.PostgresTestResource;
import io.signet.testing.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Prints the time to re-render and emit a whole tenant after a template edit (real Kafka and
 * PostgreSQL). A program that prints figures: {@code ./mvnw -pl render-service -am verify
 * -Pbenchmark -Dtest=RenderServiceBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * -Dbenchmark.sizes=100000}.
 */
@QuarkusTest
@Tag("benchmark")
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(JwtKeysTestResource.class)
class RenderServiceBenchmark {

  @Test
  void reRenderAndEmitATenantAfterATemplateEdit() {
    int size = Integer.parseInt(System.getProperty("benchmark.sizes", "100000").split(",")[0]);
    String tenant = "bench-" + UUID.randomUUID().toString().substring(0, 6);
    String token = TestTokens.tenant(tenant);
    try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
      TenantSnapshot snapshot =
          new TenantSnapshot(
              UUID.randomUUID().toString(),
              Instant.now(),
              TenantSnapshot.SCHEMA_VERSION,
              tenant,
              "Acme",
              List.of("acme.ch"),
              "admin@acme.ch",
              TenantStatus.ACTIVE,
              true,
              3600,
              "1",
              false);
      kafka.send(
          Topics.TENANTS,
          tenant,
          EventJson.write(snapshot),
          CloudEventHeaders.of(snapshot, "/bench"));
      List<org.apache.kafka.clients.producer.ProducerRecord<String, String>> records =
          new ArrayList<>();
      for (int i = 0; i < size; i++) {
        DirectoryUser user =
            new DirectoryUser(
                "e" + i,
                Instant.now(),
                DirectoryUser.SCHEMA_VERSION,
                tenant,
                String.valueOf(1_000_000 + i),
                "user" + i + "@acme.ch",
                List.of(),
                new DirectoryUser.PersonName("User", String.valueOf(i), "User " + i, null),
                "Engineer",
                "R&D",
                List.of(
                    new DirectoryUser.Phone(
                        "work",
                        String.format(
                            "044 %03d %02d %02d", i / 10000 % 1000, i / 100 % 100, i % 100),
                        true)),
                List.of(),
                "/",
                List.of(),
                Map.of(),
                false,
                false,
                null,
                "h" + i);
        records.add(EventRecords.of(user, Topics.userKey(tenant, user.userId()), "/bench"));
      }
      kafka.sendAll(records);
      kafka.awaitConsumed("render-service", Topics.DIRECTORY_USERS, Duration.ofMinutes(10));
      String templateId = RenderTestApi.signEveryone(tenant, RenderBenchmarkTemplates.SOURCE);
      await()
          .atMost(Duration.ofMinutes(10))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> emitted("RULE") >= size);

      long started = System.nanoTime();
      given()
          .auth()
          .oauth2(token)
          .contentType(ContentType.JSON)
          .body(
              Map.of(
                  "source",
                  RenderBenchmarkTemplates.SOURCE.replace("color: #1a1a1a", "color: #111111")))
          .put("/api/v1/tenants/" + tenant + "/templates/" + templateId)
          .then()
          .statusCode(200);
      await()
          .atMost(Duration.ofMinutes(10))
          .pollInterval(Duration.ofMillis(250))
          .until(() -> emitted("TEMPLATE") >= size);
      double seconds = (System.nanoTime() - started) / 1e9;
      if (count(kafka, tenant, 2) != size) {
        throw new AssertionError("signet.signatures does not hold every re-rendered user");
      }
      System.out.printf(
          "BENCHMARK render-service: template edit re-rendered and emitted %,d users in %.1f s (%,.0f signatures/s)%n",
          size, seconds, size / seconds);
    }
  }

  /** Signatures emitted for a cause, from the service's own counter. */
  private static double emitted(String cause) {
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    return metrics
        .lines()
        .filter(
            line ->
                line.startsWith("signet_render_signatures_emitted_total")
                    && line.contains("cause=\"" + cause + "\""))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  private static long count(KafkaTestClient kafka, String tenant, int version) {
    return kafka
        .readAll(
            Topics.SIGNATURES,
            r -> r.key().startsWith(tenant + "/") && r.value() != null,
            Duration.ofMinutes(2))
        .stream()
        .filter(
            r -> EventJson.read(r.value(), SignatureRendered.class).templateVersion() == version)
        .count();
  }
}
