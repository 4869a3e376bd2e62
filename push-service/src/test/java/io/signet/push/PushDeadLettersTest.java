package io.signet.push;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.signet.emulator.state.EmulatedUser;
import io.signet.events.DeadLetterReason;
import io.signet.events.EventJson;
import io.signet.events.EventType;
import io.signet.events.RenderCause;
import io.signet.events.TenantSnapshot;
import io.signet.events.TenantStatus;
import io.signet.events.Topics;
import io.signet.testing.DeadLetterProbe;
import io.signet.testing.DeadLetterProbe.BadRecord;
import io.signet.testing.KafkaTestClient;
import io.signet.testing.TenantOnboarding;
import io.signet.testing.TestDatabase;
import io.signet.testing.TestTokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * A record push-service cannot process goes to its topic's dead-letter topic, is counted and
 * listed, and re-driven after a fix, while every other tenant's signatures still reach Gmail; a
 * database that is down is waited out (not ready meanwhile), never dead-lettered.
 */
@QuarkusTest
@PushTestResources
class PushDeadLettersTest {

  private static final String SERVICE = "push-service";
  private static final Duration CONVERGE = Duration.ofSeconds(120);

  @Test
  void badRecordsOnEveryTopicAreDeadLetteredWhileAnotherTenantsSignaturesReachGmail()
      throws Exception {
    TenantOnboarding good = new TenantOnboarding(2).activate();
    TenantOnboarding broken = new TenantOnboarding(1, good).activate();
    List<EmulatedUser> goodUsers = Signatures.pushable(good);
    EmulatedUser brokenUser = Signatures.pushable(broken).get(0);
    TestDatabase database = database();
    // a "bug": storing this tenant's signatures fails, until the constraint is dropped (the fix)
    database.execute(
        "alter table push_target add constraint dlq_probe check (tenant_id <> '"
            + broken.tenantId
            + "')");
    String other = "dlq-" + UUID.randomUUID().toString().substring(0, 8);
    String superseded = other + "-s";
    database.execute(
        "alter table push_tenant add constraint dlq_probe check (tenant_id <> '"
            + superseded
            + "' or status <> 'SUSPENDED')");
    try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
      int round = 0;
      // signet.signatures: each bad kind, a good signature of the other tenant after each
      var sample = Signatures.record(broken, brokenUser, "bad", RenderCause.DIRECTORY);
      for (BadRecord bad :
          DeadLetterProbe.badRecords(
              EventType.SIGNATURE_RENDERED,
              EventJson.read(sample.value(), io.signet.events.SignatureRendered.class),
              sample.key())) {
        double before = count(Topics.SIGNATURES, bad.reason());
        DeadLetterProbe.sendAndAwaitDeadLetter(kafka, EventType.SIGNATURE_RENDERED, bad, SERVICE);
        kafka.sendAll(
            Signatures.records(good, goodUsers, "round " + ++round, RenderCause.DIRECTORY));
        assertThat(count(Topics.SIGNATURES, bad.reason())).isEqualTo(before + 1);
      }
      // a valid signature whose processing throws, in one batch with good ones
      double failedBefore = count(Topics.SIGNATURES, DeadLetterReason.PROCESSING_FAILED);
      ProducerRecord<String, String> failing =
          Signatures.record(broken, brokenUser, "after the fix", RenderCause.DIRECTORY);
      List<ProducerRecord<String, String>> batch =
          new java.util.ArrayList<>(
              Signatures.records(good, goodUsers, "final", RenderCause.DIRECTORY));
      batch.add(1, failing);
      kafka.sendAll(batch);
      ConsumerRecord<String, String> failed =
          await()
              .atMost(CONVERGE)
              .until(
                  () ->
                      DeadLetterProbe.deadLetters(
                          kafka, EventType.SIGNATURE_RENDERED, failing.key()),
                  letters ->
                      letters.stream()
                          .anyMatch(
                              l ->
                                  "processing-failed"
                                      .equals(DeadLetterProbe.header(l, "dead-letter-reason"))))
              .stream()
              .filter(l -> failing.value().equals(l.value()))
              .findFirst()
              .orElseThrow();
      assertThat(count(Topics.SIGNATURES, DeadLetterReason.PROCESSING_FAILED))
          .isEqualTo(failedBefore + 1);
      // the good neighbours of the batch, and of every bad record, reach Gmail
      for (EmulatedUser user : goodUsers) {
        await()
            .atMost(CONVERGE)
            .until(() -> Signatures.held(good, user, user.primaryEmail()).contains("final"));
      }

      // signet.tenants: each bad kind, a good snapshot of another tenant after each
      TenantSnapshot otherSnapshot = DeadLetterProbe.tenantSnapshot(other, TenantStatus.ACTIVE);
      for (BadRecord bad :
          DeadLetterProbe.badRecords(EventType.TENANT_SNAPSHOT, otherSnapshot, other)) {
        double before = count(Topics.TENANTS, bad.reason());
        DeadLetterProbe.sendAndAwaitDeadLetter(kafka, EventType.TENANT_SNAPSHOT, bad, SERVICE);
        assertThat(count(Topics.TENANTS, bad.reason())).isEqualTo(before + 1);
      }
      kafka.send(Topics.TENANTS, other, EventJson.write(otherSnapshot));
      await().atMost(CONVERGE).until(() -> "ACTIVE".equals(tenantStatus(other)));
      // a snapshot that fails, then a newer one of the same tenant: the first is superseded
      RecordMetadata suspended =
          kafka.send(
              Topics.TENANTS,
              superseded,
              EventJson.write(DeadLetterProbe.tenantSnapshot(superseded, TenantStatus.SUSPENDED)));
      DeadLetterProbe.awaitDeadLetter(kafka, EventType.TENANT_SNAPSHOT, suspended);
      kafka.send(
          Topics.TENANTS,
          superseded,
          EventJson.write(DeadLetterProbe.tenantSnapshot(superseded, TenantStatus.ACTIVE)));
      await().atMost(CONVERGE).until(() -> "ACTIVE".equals(tenantStatus(superseded)));
      assertThat(DeadLetterProbe.consumersReadiness()).isEqualTo("UP");

      // the operator lists them
      List<Map<String, Object>> open = DeadLetterProbe.deadLetters("OPEN");
      assertThat(open)
          .anySatisfy(
              letter -> {
                assertThat(letter).containsEntry("key", failing.key());
                assertThat(letter).containsEntry("sourceTopic", Topics.SIGNATURES);
                assertThat(letter).containsEntry("reason", "processing-failed");
                assertThat(letter).containsEntry("service", SERVICE);
                assertThat(letter)
                    .containsEntry(
                        "offset",
                        Integer.parseInt(DeadLetterProbe.header(failed, "dead-letter-offset")));
                assertThat(letter).containsKey("deadLetteredAt");
              });
      Map<String, Object> stale =
          DeadLetterProbe.deadLetters("SUPERSEDED").stream()
              .filter(letter -> superseded.equals(letter.get("key")))
              .findFirst()
              .orElseThrow();
      // a superseded one is not applied when re-driven
      assertThat(DeadLetterProbe.redrive(stale.get("id"))).containsEntry("status", "SUPERSEDED");
      assertThat(tenantStatus(superseded)).isEqualTo("ACTIVE");
      // a record that is still bad stays listed, with its reason
      RecordMetadata garbage = kafka.send(Topics.TENANTS, other + "-j", "garbage");
      DeadLetterProbe.awaitDeadLetter(kafka, EventType.TENANT_SNAPSHOT, garbage);
      Map<String, Object> notJson =
          DeadLetterProbe.deadLetters("OPEN").stream()
              .filter(letter -> (other + "-j").equals(letter.get("key")))
              .findFirst()
              .orElseThrow();
      assertThat(DeadLetterProbe.redrive(notJson.get("id")))
          .containsEntry("status", "OPEN")
          .containsEntry("reason", "not-json")
          .containsEntry("redrives", 1);

      // the fix, then the re-drive: the record is processed once, through the live path
      database.execute("alter table push_target drop constraint dlq_probe");
      Map<String, Object> letter =
          open.stream().filter(l -> failing.key().equals(l.get("key"))).findFirst().orElseThrow();
      assertThat(DeadLetterProbe.redrive(letter.get("id"))).containsEntry("status", "REDRIVEN");
      await()
          .atMost(CONVERGE)
          .until(
              () ->
                  Signatures.held(broken, brokenUser, brokenUser.primaryEmail())
                      .contains("after the fix"));
      assertThat(DeadLetterProbe.redrive(letter.get("id"))).containsEntry("status", "REDRIVEN");
      assertThat(DeadLetterProbe.deadLetters("OPEN"))
          .noneMatch(l -> l.get("id").equals(letter.get("id")));
      assertThat(Signatures.writesByAddress(broken).get(brokenUser.primaryEmail())).isEqualTo(1L);
      database.execute("alter table push_tenant drop constraint dlq_probe");
    }
  }

  @Test
  void aDatabaseThatIsDownIsWaitedOutNotReadyMeanwhileAndNothingIsDeadLettered() {
    String tenant = "dlq-down-" + UUID.randomUUID().toString().substring(0, 8);
    TestDatabase database = database();
    try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
      database.refuseConnections();
      try {
        kafka.send(
            Topics.TENANTS,
            tenant,
            EventJson.write(DeadLetterProbe.tenantSnapshot(tenant, TenantStatus.ACTIVE)));
        await().atMost(CONVERGE).until(() -> "DOWN".equals(DeadLetterProbe.consumersReadiness()));
      } finally {
        database.acceptConnections();
      }
      await().atMost(CONVERGE).until(() -> "UP".equals(DeadLetterProbe.consumersReadiness()));
      await().atMost(CONVERGE).until(() -> "ACTIVE".equals(tenantStatus(tenant)));
      assertThat(DeadLetterProbe.deadLetters(kafka, EventType.TENANT_SNAPSHOT, tenant)).isEmpty();
      assertThat(DeadLetterProbe.deadLetters("OPEN"))
          .noneMatch(letter -> tenant.equals(letter.get("key")));
    }
  }

  @Test
  void onlyTheOperatorSeesDeadLettersAndBadPagesAreRefused() {
    given()
        .auth()
        .oauth2(TestTokens.tenant("acme"))
        .get("/api/v1/dead-letters")
        .then()
        .statusCode(403);
    given()
        .auth()
        .oauth2(TestTokens.operator())
        .queryParam("size", 0)
        .get("/api/v1/dead-letters")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    given()
        .auth()
        .oauth2(TestTokens.operator())
        .queryParam("status", "LOST")
        .get("/api/v1/dead-letters")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    given()
        .auth()
        .oauth2(TestTokens.operator())
        .post("/api/v1/dead-letters/999999999/redrive")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  private static TestDatabase database() {
    return TestDatabase.at(
        ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class));
  }

  private static double count(String topic, DeadLetterReason reason) {
    return DeadLetterProbe.deadLetterCount(SERVICE, topic, reason);
  }

  private static String tenantStatus(String tenantId) {
    return given()
        .auth()
        .oauth2(TestTokens.operator())
        .get("/api/v1/tenants/" + tenantId + "/push")
        .then()
        .statusCode(200)
        .extract()
        .path("tenantStatus");
  }
}
