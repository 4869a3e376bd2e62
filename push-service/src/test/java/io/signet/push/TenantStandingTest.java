package io.signet.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.signet.emulator.state.EmulatedUser;
import io.signet.events.RenderCause;
import io.signet.events.Topics;
import io.signet.testing.KafkaTestClient;
import io.signet.testing.TenantOnboarding;
import io.signet.testing.TenantStandingChecks;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A tenant suspended in tenant-service writes nothing more to Gmail and its admin's token may only
 * read here; once deleted, its token is refused.
 */
@QuarkusTest
@PushTestResources
class TenantStandingTest {

  @Test
  void aSuspendedTenantIsNotPushedItsTokenOnlyReadsAndADeletedOnesIsRefused() throws Exception {
    TenantOnboarding tenant = new TenantOnboarding(3).activate();
    EmulatedUser user = Signatures.pushable(tenant).get(0);
    String status = "/api/v1/tenants/" + tenant.tenantId + "/push";
    try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
      kafka.sendAll(List.of(Signatures.record(tenant, user, "v1", RenderCause.DIRECTORY)));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> Signatures.held(tenant, user, user.primaryEmail()).contains("v1"));

      TenantStandingChecks.suspendAndAwaitReadOnly(tenant, status, status + "/retries", "{}");
      int writes = Signatures.writes(tenant).size();
      kafka.sendAll(List.of(Signatures.record(tenant, user, "v2", RenderCause.DIRECTORY)));
      kafka.awaitConsumed("push-service", Topics.SIGNATURES, Duration.ofSeconds(60));
      await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> true);

      assertThat(Signatures.writes(tenant)).hasSize(writes);
      assertThat(Signatures.held(tenant, user, user.primaryEmail())).contains("v1");
      TenantStandingChecks.deleteAndAwaitRefusal(tenant, status);
    }
  }
}
