package io.signet.push;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.signet.emulator.http.QuotaSettings;
import io.signet.emulator.state.EmulatedUser;
import io.signet.emulator.state.WriteLogEntry;
import io.signet.events.RenderCause;
import io.signet.testing.KafkaTestClient;
import io.signet.testing.ServiceProcess;
import io.signet.testing.TenantOnboarding;
import io.signet.testing.TestEmulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two replicas against one emulated project quota: together within it, neither idle. */
class TwoReplicasIT {

  /** 1,200 writes a minute: 20 a second. */
  private static final long QUOTA_UNITS = 120_000;

  @Test
  void twoReplicasShareOneProjectQuotaAndBothWork() throws Exception {
    TestEmulator.instance()
        .controls()
        .configureQuotas(new QuotaSettings(true, QUOTA_UNITS, 15_000, 2_400));
    PushProcesses processes =
        new PushProcesses(Map.of("signet.push.project-units-per-minute", "" + QUOTA_UNITS));
    long errorsBefore = PushQuotaBenchmarkIT.patchErrors();
    ServiceProcess a = processes.start("replica-a");
    ServiceProcess b = processes.start("replica-b");
    try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
      TenantOnboarding tenant = new TenantOnboarding(799).activate();
      List<EmulatedUser> users = Signatures.pushable(tenant);
      int addresses = Signatures.addresses(users);
      Thread.sleep(3_000); // both heartbeats seen: each takes half
      kafka.sendAll(Signatures.records(tenant, users, "shared", RenderCause.TEMPLATE));
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> Signatures.writes(tenant).size() >= addresses);

      List<WriteLogEntry> writes = Signatures.writes(tenant);
      assertThat(writes).hasSize(addresses);
      // past the first second's burst, the combined rate is within the quota
      var from = writes.get(0).at().plusSeconds(2);
      var to = writes.get(writes.size() - 1).at();
      long inWindow = writes.stream().filter(w -> !w.at().isBefore(from)).count();
      double perSecond = inWindow / (Duration.between(from, to).toMillis() / 1000.0);
      double quotaPerSecond = QUOTA_UNITS / 100.0 / 60.0;
      double applyA = applied(a);
      double applyB = applied(b);
      System.out.printf(
          "two replicas: %.1f writes/s combined (quota %.1f/s, ratio %.3f); a %.0f, b %.0f%n",
          perSecond, quotaPerSecond, perSecond / quotaPerSecond, applyA, applyB);
      assertThat(perSecond).isLessThanOrEqualTo(quotaPerSecond * 1.1);
      assertThat(perSecond).isGreaterThan(quotaPerSecond * 0.8);
      assertThat(applyA + applyB).isEqualTo(addresses);
      assertThat(PushQuotaBenchmarkIT.patchErrors() - errorsBefore)
          .as("quota errors from Gmail")
          .isZero();
      assertThat(Math.min(applyA, applyB)).isGreaterThan(addresses * 0.3);
    } finally {
      a.close();
      b.close();
      TestEmulator.instance().controls().configureQuotas(QuotaSettings.GOOGLE);
    }
  }

  private static double applied(ServiceProcess push) {
    String body =
        given()
            .baseUri(push.managementUrl())
            .get("/q/metrics")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    return body.lines()
        .filter(l -> l.startsWith("signet_push_writes_total{") && l.contains("outcome=\"APPLIED\""))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }
}
