package io.signet.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.signet.events.DeadLetterReason;
import io.signet.events.EventType;
import io.signet.events.TenantStatus;
import io.signet.events.Topics;
import io.signet.testing.DeadLetterProbe;
import io.signet.testing.DeadLetterProbe.BadRecord;
import io.signet.testing.KafkaTestClient;
import io.signet.testing.TenantOnboarding;
import io.signet.testing.TestDatabase;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * A tenant snapshot directory-sync cannot process goes to {@code signet.tenants.dlq} while other
 * tenants are still synced; re-driven after the fix, it starts the tenant's sync; a database that
 * is down is waited out, never dead-lettered.
 */
@QuarkusTest
@DirectorySyncTestResources
class DirectoryDeadLettersTest {

  private static final String SERVICE = "directory-sync-service";
  private static final Duration WAIT = Duration.ofSeconds(90);

  @Test
  void badSnapshotsAreDeadLetteredWhileAnotherTenantIsSyncedAndARedriveSyncsTheFixedOne()
      throws Exception {
    String other = "dlq-" + UUID.randomUUID().toString().substring(0, 8);
    try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
      for (BadRecord bad :
          DeadLetterProbe.badRecords(
              EventType.TENANT_SNAPSHOT,
              DeadLetterProbe.tenantSnapshot(other, TenantStatus.PENDING),
              other)) {
        double before = count(bad.reason());
        DeadLetterProbe.sendAndAwaitDeadLetter(kafka, EventType.TENANT_SNAPSHOT, bad, SERVICE);
        assertThat(count(bad.reason())).isEqualTo(before + 1);
      }
      TenantOnboarding broken = new TenantOnboarding(3);
      TestDatabase database = database();
      // a "bug": storing this tenant fails, until the constraint is dropped (the fix)
      database.execute(
          "alter table tenant add constraint dlq_probe check (admin_email <> '"
              + broken.admin
              + "')");
      double failedBefore = count(DeadLetterReason.PROCESSING_FAILED);
      broken.activate();
      TenantOnboarding good = new TenantOnboarding(3).activate();
      assertThat(SyncRunsApi.awaitLatestRun(good, WAIT)).containsEntry("state", "SUCCEEDED");
      Map<String, Object> letter =
          await()
              .atMost(WAIT)
              .until(
                  () ->
                      DeadLetterProbe.deadLetters("OPEN").stream()
                          .filter(l -> broken.tenantId.equals(l.get("key")))
                          .filter(l -> "processing-failed".equals(l.get("reason")))
                          .findFirst(),
                  java.util.Optional::isPresent)
              .orElseThrow();
      assertThat(count(DeadLetterReason.PROCESSING_FAILED)).isGreaterThan(failedBefore);
      assertThat(letter).containsEntry("sourceTopic", Topics.TENANTS);
      assertThat(DeadLetterProbe.consumersReadiness()).isEqualTo("UP");

      database.execute("alter table tenant drop constraint dlq_probe");
      assertThat(DeadLetterProbe.redrive(letter.get("id"))).containsEntry("status", "REDRIVEN");
      assertThat(SyncRunsApi.awaitLatestRun(broken, WAIT))
          .containsEntry("state", "SUCCEEDED")
          .containsEntry("trigger", "ACTIVATED");
      assertThat(DeadLetterProbe.deadLetters("OPEN"))
          .noneMatch(l -> broken.tenantId.equals(l.get("key")));
    }
  }

  @Test
  void aDatabaseThatIsDownIsWaitedOutNotReadyMeanwhileAndNothingIsDeadLettered() throws Exception {
    TenantOnboarding tenant = new TenantOnboarding(2);
    TestDatabase database = database();
    try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
      database.refuseConnections();
      try {
        tenant.activate();
        await().atMost(WAIT).until(() -> "DOWN".equals(DeadLetterProbe.consumersReadiness()));
      } finally {
        database.acceptConnections();
      }
      await().atMost(WAIT).until(() -> "UP".equals(DeadLetterProbe.consumersReadiness()));
      assertThat(SyncRunsApi.awaitLatestRun(tenant, WAIT)).containsEntry("state", "SUCCEEDED");
      assertThat(DeadLetterProbe.deadLetters(kafka, EventType.TENANT_SNAPSHOT, tenant.tenantId))
          .isEmpty();
    }
  }

  private static TestDatabase database() {
    return TestDatabase.at(
        ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class));
  }

  private static double count(DeadLetterReason reason) {
    return DeadLetterProbe.deadLetterCount(SERVICE, Topics.TENANTS, reason);
  }
}
