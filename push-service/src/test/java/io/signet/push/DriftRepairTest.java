package io.signet.push;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.signet.emulator.state.EmulatedUser;
import io.signet.events.RenderCause;
import io.signet.testing.KafkaTestClient;
import io.signet.testing.TenantOnboarding;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Drift repair, with applied signatures read back every few seconds instead of daily. */
@QuarkusTest
@PushTestResources
@TestProfile(DriftRepairTest.FrequentChecks.class)
class DriftRepairTest {

  /** Reads every applied signature back 3 s after it was applied or last checked. */
  public static class FrequentChecks implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("signet.push.drift-interval", "PT3S", "signet.push.drift-tick", "1s");
    }
  }

  @Test
  void aSignatureChangedInGmailIsRepairedAndAForcePushWritesAgain() throws Exception {
    TenantOnboarding tenant = new TenantOnboarding(5).activate();
    List<EmulatedUser> users = Signatures.pushable(tenant);
    int addresses = Signatures.addresses(users);
    try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
      kafka.sendAll(Signatures.records(tenant, users, "ours", RenderCause.RULE));
      PushServiceTest.awaitCounts(tenant, c -> c.get("APPLIED") == addresses);
    }
    EmulatedUser user = users.get(0);
    tenant
        .google
        .requireUser(user.id())
        .writeSendAs(user.primaryEmail(), null, null, "<p>changed by hand</p>", false);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> Signatures.held(tenant, user, user.primaryEmail()).contains("ours"));
    assertThat(Signatures.writesByAddress(tenant).get(user.primaryEmail())).isEqualTo(2);

    given()
        .auth()
        .oauth2(tenant.tenantToken)
        .post("/api/v1/tenants/" + tenant.tenantId + "/push/users/" + user.id() + "/force")
        .then()
        .statusCode(202);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> Signatures.writesByAddress(tenant).get(user.primaryEmail()) == 3);
    List<Map<String, Object>> history = PushServiceTest.userStatus(tenant, user).getList("history");
    assertThat(history).extracting(h -> h.get("outcome")).contains("APPLIED");
  }
}
