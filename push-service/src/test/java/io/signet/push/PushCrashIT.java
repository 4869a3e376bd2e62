package io.signet.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.signet.emulator.state.EmulatedUser;
import io.signet.events.RenderCause;
import io.signet.testing.KafkaTestClient;
import io.signet.testing.ServiceProcess;
import io.signet.testing.TenantOnboarding;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** push-service killed ({@code SIGKILL}) mid-way through a tenant, then started again. */
class PushCrashIT {

  @Test
  void killedMidWayAndStartedAgainEveryAddressEndsWithTheLatestContent() throws Exception {
    PushProcesses processes = new PushProcesses(Map.of());
    ServiceProcess push = processes.start("crash-a");
    TenantOnboarding tenant = new TenantOnboarding(4_999).activate();
    List<EmulatedUser> users = Signatures.pushable(tenant);
    List<EmulatedUser> changedWhileDown = users.subList(0, 500);
    int addresses = Signatures.addresses(users);
    int killedAt;
    Instant restarted;
    try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
      kafka.sendAll(Signatures.records(tenant, users, "first", RenderCause.RULE));
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> Signatures.writes(tenant).size() >= addresses / 3);
      push.kill();
      killedAt = Signatures.writes(tenant).size();
      kafka.sendAll(Signatures.records(tenant, changedWhileDown, "second", RenderCause.TEMPLATE));
      push = processes.start("crash-b");
      restarted = Instant.now();
    }
    try {
      await()
          .atMost(Duration.ofMinutes(5))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> everyoneHolds(tenant, users, changedWhileDown));
      Duration converged = Duration.between(restarted, Instant.now());
      int writes = Signatures.writes(tenant).size();
      int expected = addresses + Signatures.addresses(changedWhileDown);
      System.out.printf(
          "crash: %d addresses, killed after %d writes, converged %d s after the restart with"
              + " %d writes (%d needed)%n",
          addresses, killedAt, converged.toSeconds(), writes, expected);
      // at most the calls in flight when it was killed are written twice (64 workers)
      assertThat(writes).isBetween(expected, expected + 64);
    } finally {
      push.close();
    }
  }

  private static boolean everyoneHolds(
      TenantOnboarding tenant, List<EmulatedUser> users, List<EmulatedUser> changed) {
    for (EmulatedUser user : users) {
      String latest = changed.contains(user) ? "second" : "first";
      for (String address : addresses(user)) {
        if (!Signatures.held(tenant, user, address).contains(latest)) {
          return false;
        }
      }
    }
    return true;
  }

  private static List<String> addresses(EmulatedUser user) {
    return java.util.stream.Stream.concat(
            java.util.stream.Stream.of(user.primaryEmail()),
            Signatures.sendAsAliases(user).stream())
        .toList();
  }
}
