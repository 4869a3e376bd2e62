package io.signet.testing;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.signet.events.DeadLetterHeaders;
import io.signet.events.DeadLetterReason;
import io.signet.events.EventJson;
import io.signet.events.EventType;
import io.signet.events.SignetEvent;
import io.signet.events.TenantSnapshot;
import io.signet.events.TenantStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;

/**
 * What the dead-letter tests of every consuming service share: a bad record of each kind made from
 * a good one, the dead letter of a sent record with its headers, the counter, and readiness.
 */
public final class DeadLetterProbe {

  private static final Duration WAIT = Duration.ofSeconds(60);

  private DeadLetterProbe() {}

  /** A record a consumer must refuse, and why. */
  public record BadRecord(DeadLetterReason reason, String key, String value) {}

  /**
   * One bad record of each kind a check refuses, each from a good event and its key: not JSON, a
   * schema violation, an unknown schema version, no key, a malformed key.
   */
  public static List<BadRecord> badRecords(EventType type, SignetEvent good, String key) {
    String json = EventJson.write(good);
    ObjectNode withoutId = tree(json);
    withoutId.remove("eventId");
    ObjectNode future = tree(json);
    future.put("schemaVersion", 99);
    return List.of(
        new BadRecord(DeadLetterReason.NOT_JSON, key, "{\"eventId\": not json"),
        new BadRecord(DeadLetterReason.SCHEMA_VIOLATION, key, withoutId.toString()),
        new BadRecord(DeadLetterReason.UNKNOWN_SCHEMA_VERSION, key, future.toString()),
        // a compacted topic refuses a record without a key: the empty key is what can get there
        new BadRecord(DeadLetterReason.MISSING_KEY, "", json),
        new BadRecord(
            DeadLetterReason.MALFORMED_KEY,
            type.keyedByUser() ? key + "/extra" : key + "/x",
            json));
  }

  /** A tenant snapshot as tenant-service publishes it, for a tenant only this test knows. */
  public static TenantSnapshot tenantSnapshot(String tenantId, TenantStatus status) {
    return new TenantSnapshot(
        java.util.UUID.randomUUID().toString(),
        java.time.Instant.now(),
        TenantSnapshot.SCHEMA_VERSION,
        tenantId,
        "Dead letters " + tenantId,
        List.of(tenantId + ".test"),
        "admin@" + tenantId + ".test",
        status,
        true,
        3600,
        "104857600000000000001",
        false);
  }

  /** Sends a bad record and checks its dead letter: the same key and value, every header. */
  public static ConsumerRecord<String, String> sendAndAwaitDeadLetter(
      KafkaTestClient kafka, EventType type, BadRecord bad, String service) {
    RecordMetadata sent = kafka.send(type.topic(), bad.key(), bad.value());
    ConsumerRecord<String, String> letter = awaitDeadLetter(kafka, type, sent);
    expect(
        DeadLetterHeaders.REASON, bad.reason().label(), header(letter, DeadLetterHeaders.REASON));
    expect(DeadLetterHeaders.SERVICE, service, header(letter, DeadLetterHeaders.SERVICE));
    expect("key", bad.key(), letter.key());
    expect("value", bad.value(), letter.value());
    return letter;
  }

  /** The dead letter of a record sent to its topic, waiting for it. */
  public static ConsumerRecord<String, String> awaitDeadLetter(
      KafkaTestClient kafka, EventType type, RecordMetadata sent) {
    ConsumerRecord<String, String> letter =
        kafka
            .awaitRecords(
                type.deadLetterTopic(),
                record ->
                    type.topic().equals(header(record, DeadLetterHeaders.TOPIC))
                        && String.valueOf(sent.partition())
                            .equals(header(record, DeadLetterHeaders.PARTITION))
                        && String.valueOf(sent.offset())
                            .equals(header(record, DeadLetterHeaders.OFFSET)),
                1,
                WAIT)
            .get(0);
    String detail = header(letter, DeadLetterHeaders.DETAIL);
    if (detail == null || detail.isBlank()) {
      throw new AssertionError("dead letter without " + DeadLetterHeaders.DETAIL);
    }
    return letter;
  }

  /** Every dead letter now on the topic's dead-letter topic with this key. */
  public static List<ConsumerRecord<String, String>> deadLetters(
      KafkaTestClient kafka, EventType type, String key) {
    return kafka.readAll(type.deadLetterTopic(), record -> key.equals(record.key()), WAIT);
  }

  public static String header(ConsumerRecord<String, String> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  /** {@code signet_dead_letters_total} of this application for a topic and reason. */
  public static double deadLetterCount(String service, String topic, DeadLetterReason reason) {
    String body = given().get("/q/metrics").then().statusCode(200).extract().asString();
    return body.lines()
        .filter(
            line ->
                line.startsWith("signet_dead_letters_total{")
                    && line.contains("service=\"" + service + "\"")
                    && line.contains("topic=\"" + topic + "\"")
                    && line.contains("reason=\"" + reason.label() + "\""))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElse(-1);
  }

  /** The status of this application's {@code consumers} readiness check: UP or DOWN. */
  public static String consumersReadiness() {
    List<Map<String, Object>> checks =
        given().get("/q/health/ready").then().extract().jsonPath().getList("checks");
    return checks.stream()
        .filter(check -> "consumers".equals(check.get("name")))
        .map(check -> String.valueOf(check.get("status")))
        .findFirst()
        .orElse("ABSENT");
  }

  private static void expect(String what, String expected, String actual) {
    if (!java.util.Objects.equals(expected, actual)) {
      throw new AssertionError(
          "dead letter " + what + ": expected " + expected + ", got " + actual);
    }
  }

  private static ObjectNode tree(String json) {
    try {
      return (ObjectNode) EventJson.mapper().readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The service's dead letters in a status (OPEN, REDRIVEN, SUPERSEDED), oldest first. */
  public static List<Map<String, Object>> deadLetters(String status) {
    return given()
        .auth()
        .oauth2(TestTokens.operator())
        .queryParam("status", status)
        .queryParam("size", 500)
        .get("/api/v1/dead-letters")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items");
  }

  /** Re-drives one dead letter through the operator API; the dead letter as it stands after. */
  public static Map<String, Object> redrive(Object id) {
    return given()
        .auth()
        .oauth2(TestTokens.operator())
        .post("/api/v1/dead-letters/" + id + "/redrive")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getMap("$");
  }
}
