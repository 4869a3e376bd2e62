package io.signet.testing.smoke;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.signet.testing.KafkaTestClient;
import io.signet.testing.KafkaTestResource;
import io.signet.testing.PostgresTestResource;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** A REST call persists in real PostgreSQL, an event crosses a real broker, a consumer reads it. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class SmokeRoundTripTest {

  @Test
  void restCallPersistsPublishesAndIsConsumedBack() {
    String id =
        given()
            .body("hello, Kafka — שלום")
            .contentType("text/plain; charset=UTF-8")
            .when()
            .post("/smoke-notes")
            .then()
            .statusCode(201)
            .extract()
            .path("id");

    try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
      ConsumerRecord<String, String> record =
          kafka
              .awaitRecords("smoke.notes", r -> id.equals(r.value()), 1, Duration.ofSeconds(30))
              .get(0);
      assertThat(record.value()).isEqualTo(id);
    }

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                given()
                    .when()
                    .get("/smoke-notes/" + id)
                    .then()
                    .statusCode(200)
                    .body("text", equalTo("hello, Kafka — שלום"))
                    .body("delivered", equalTo(true)));
  }
}
