package io.signet.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.signet.events.DeadLetterReason;
import io.signet.events.DirectoryUser;
import io.signet.events.EventType;
import io.signet.events.SendAsSnapshot;
import io.signet.events.TenantStatus;
import io.signet.events.Topics;
import io.signet.testing.DeadLetterProbe;
import io.signet.testing.DeadLetterProbe.BadRecord;
import io.signet.testing.JwtKeysTestResource;
import io.signet.testing.KafkaTestClient;
import io.signet.testing.KafkaTestResource;
import io.signet.testing.PostgresTestResource;
import io.signet.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * A record render-service cannot process, on any topic it reads, goes to that topic's dead-letter
 * topic while another tenant's directory changes are still rendered; a re-drive after the fix
 * renders it once; a database that is down is waited out, never dead-lettered.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(JwtKeysTestResource.class)
class RenderDeadLettersTest {

  private static final String SERVICE = "render-service";
  private static final Duration WAIT = Duration.ofSeconds(120);

  @Test
  void badRecordsOnEveryTopicAreDeadLetteredWhileAnotherTenantIsRendered() {
    String good = "t-" + UUID.randomUUID().toString().substring(0, 8);
    String broken = "t-" + UUID.randomUUID().toString().substring(0, 8);
    TestDatabase database = database();
    // a "bug": storing this tenant's users fails, until the constraint is dropped (the fix)
    database.execute(
        "alter table directory_user add constraint dlq_probe check (tenant_id <> '"
            + broken
            + "')");
    try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
      RenderServiceTest.publishTenant(kafka, good);
      RenderServiceTest.publishTenant(kafka, broken);
      RenderTestApi.signEveryone(good, "<b>{user.fullName}</b>");
      RenderTestApi.signEveryone(broken, "<b>{user.fullName}</b>");
      List<DirectoryUser> goodUsers = RenderServiceTest.users(good, 16);
      DirectoryUser brokenUser = RenderServiceTest.users(broken, 1).get(0);
      String brokenKey = Topics.userKey(broken, brokenUser.userId());
      List<BadRecord> bad = new ArrayList<>();
      List<EventType> topics = new ArrayList<>();
      for (BadRecord one :
          DeadLetterProbe.badRecords(
              EventType.TENANT_SNAPSHOT,
              DeadLetterProbe.tenantSnapshot(broken, TenantStatus.ACTIVE),
              broken)) {
        bad.add(one);
        topics.add(EventType.TENANT_SNAPSHOT);
      }
      for (BadRecord one :
          DeadLetterProbe.badRecords(EventType.DIRECTORY_USER, brokenUser, brokenKey)) {
        bad.add(one);
        topics.add(EventType.DIRECTORY_USER);
      }
      SendAsSnapshot sendAs =
          new SendAsSnapshot(
              UUID.randomUUID().toString(),
              Instant.now(),
              SendAsSnapshot.SCHEMA_VERSION,
              broken,
              brokenUser.userId(),
              List.of(new SendAsSnapshot.Address(brokenUser.primaryEmail(), true, false, null)),
              Instant.now());
      for (BadRecord one :
          DeadLetterProbe.badRecords(EventType.SEND_AS_SNAPSHOT, sendAs, brokenKey)) {
        bad.add(one);
        topics.add(EventType.SEND_AS_SNAPSHOT);
      }
      // each bad record, then a good user of the other tenant
      for (int i = 0; i < bad.size(); i++) {
        EventType type = topics.get(i);
        double before = count(type.topic(), bad.get(i).reason());
        DeadLetterProbe.sendAndAwaitDeadLetter(kafka, type, bad.get(i), SERVICE);
        kafka.sendAll(List.of(RenderServiceTest.record(goodUsers.get(i))));
        assertThat(count(type.topic(), bad.get(i).reason())).isEqualTo(before + 1);
      }
      // a valid user whose processing throws, in one batch with good ones
      List<ProducerRecord<String, String>> batch = new ArrayList<>();
      for (int i = bad.size(); i < goodUsers.size(); i++) {
        batch.add(RenderServiceTest.record(goodUsers.get(i)));
      }
      batch.add(1, RenderServiceTest.record(brokenUser));
      double failedBefore = count(Topics.DIRECTORY_USERS, DeadLetterReason.PROCESSING_FAILED);
      kafka.sendAll(batch);
      await()
          .atMost(WAIT)
          .until(() -> RenderServiceTest.signatures(kafka, good).size() == goodUsers.size());
      await()
          .atMost(WAIT)
          .until(
              () ->
                  DeadLetterProbe.deadLetters(kafka, EventType.DIRECTORY_USER, brokenKey).stream()
                      .anyMatch(
                          letter ->
                              "processing-failed"
                                  .equals(DeadLetterProbe.header(letter, "dead-letter-reason"))));
      assertThat(count(Topics.DIRECTORY_USERS, DeadLetterReason.PROCESSING_FAILED))
          .isEqualTo(failedBefore + 1);
      assertThat(RenderServiceTest.signatures(kafka, broken)).isEmpty();
      assertThat(DeadLetterProbe.consumersReadiness()).isEqualTo("UP");

      // the fix, then the re-drive: rendered once, through the live path
      database.execute("alter table directory_user drop constraint dlq_probe");
      Map<String, Object> letter =
          DeadLetterProbe.deadLetters("OPEN").stream()
              .filter(l -> brokenKey.equals(l.get("key")))
              .filter(l -> "processing-failed".equals(l.get("reason")))
              .findFirst()
              .orElseThrow();
      assertThat(letter).containsEntry("sourceTopic", Topics.DIRECTORY_USERS);
      assertThat(DeadLetterProbe.redrive(letter.get("id"))).containsEntry("status", "REDRIVEN");
      await().atMost(WAIT).until(() -> RenderServiceTest.signatures(kafka, broken).size() == 1);
      assertThat(DeadLetterProbe.redrive(letter.get("id"))).containsEntry("status", "REDRIVEN");
      assertThat(RenderServiceTest.signatures(kafka, broken)).hasSize(1);
    }
  }

  @Test
  void aDatabaseThatIsDownIsWaitedOutNotReadyMeanwhileAndNothingIsDeadLettered() {
    String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    TestDatabase database = database();
    try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
      RenderServiceTest.publishTenant(kafka, tenant);
      RenderTestApi.signEveryone(tenant, "<b>{user.fullName}</b>");
      DirectoryUser user = RenderServiceTest.users(tenant, 1).get(0);
      database.refuseConnections();
      try {
        kafka.sendAll(List.of(RenderServiceTest.record(user)));
        await().atMost(WAIT).until(() -> "DOWN".equals(DeadLetterProbe.consumersReadiness()));
      } finally {
        database.acceptConnections();
      }
      await().atMost(WAIT).until(() -> "UP".equals(DeadLetterProbe.consumersReadiness()));
      await().atMost(WAIT).until(() -> RenderServiceTest.signatures(kafka, tenant).size() == 1);
      assertThat(
              DeadLetterProbe.deadLetters(
                  kafka, EventType.DIRECTORY_USER, Topics.userKey(tenant, user.userId())))
          .isEmpty();
    }
  }

  private static TestDatabase database() {
    return TestDatabase.at(
        ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class));
  }

  private static double count(String topic, DeadLetterReason reason) {
    return DeadLetterProbe.deadLetterCount(SERVICE, topic, reason);
  }
}
