package io.signet.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.signet.emulator.state.EmulatedUser;
import io.signet.emulator.state.UserSpec;
import io.signet.events.DirectoryUser;
import io.signet.events.EventJson;
import io.signet.events.Topics;
import io.signet.testing.KafkaTestClient;
import io.signet.testing.TenantOnboarding;
import io.signet.testing.TestEmulator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Group changes, which users.watch never reports, reach the affected users' events through the
 * group reconciliation within its interval — and only those users' events. No webhook is configured
 * here: nothing but the reconciliation can carry the change.
 */
@QuarkusTest
@TestProfile(GroupReconcileProfile.class)
@DirectorySyncTestResources
class GroupReconciliationTest {

  /** The interval, one check, and room for the read and Kafka on a busy two-core machine. */
  private static final Duration WITHIN =
      GroupReconcileProfile.INTERVAL.plus(GroupReconcileProfile.CHECK).plusSeconds(3);

  @Test
  void addingRemovingAndNestingReachExactlyTheAffectedUsersWithinTheInterval() throws Exception {
    TenantOnboarding tenant = new TenantOnboarding(0);
    String d = "@" + tenant.domain;
    EmulatedUser kim = user(tenant, "kim" + d);
    EmulatedUser lee = user(tenant, "lee" + d);
    EmulatedUser max = user(tenant, "max" + d);
    EmulatedUser pat = user(tenant, "pat" + d);
    for (String group : List.of("child", "parent", "other")) {
      tenant.google.createGroup(tenant.customerId, group + d, group, null);
    }
    tenant.google.addMember("child" + d, "kim" + d, null);
    tenant.google.addMember("parent" + d, "child" + d, null);
    tenant.google.addMember("parent" + d, "pat" + d, null);
    tenant.google.addMember("other" + d, "max" + d, null);
    tenant.activate();
    SyncRunsApi.awaitLatestRun(tenant, Duration.ofSeconds(60));
    assertThat(groupsNow(tenant, kim)).containsExactly("child" + d, "parent" + d);

    Instant added = Instant.now();
    tenant.google.addMember("child" + d, "lee" + d, null);
    assertArrivesWithin(tenant, lee, List.of("child" + d, "parent" + d), added);

    Instant removed = Instant.now();
    tenant.google.removeMember("child" + d, "kim" + d);
    assertArrivesWithin(tenant, kim, List.of(), removed);

    Instant nested = Instant.now();
    tenant.google.addMember("parent" + d, "other" + d, null);
    assertArrivesWithin(tenant, max, List.of("other" + d, "parent" + d), nested);

    // a few more intervals: no further event for anyone, and pat (in parent all along) had none
    Thread.sleep(GroupReconcileProfile.INTERVAL.multipliedBy(2).toMillis());
    Map<String, Long> perUser =
        records(tenant).stream()
            .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
    assertThat(perUser)
        .containsEntry(key(tenant, kim), 2L)
        .containsEntry(key(tenant, lee), 2L)
        .containsEntry(key(tenant, max), 2L)
        .containsEntry(key(tenant, pat), 1L);
    assertThat(
            TestEmulator.instance()
                .state()
                .requireCustomer(tenant.customerId)
                .usersByEmail()
                .size())
        .isEqualTo(perUser.size());
  }

  private static void assertArrivesWithin(
      TenantOnboarding tenant, EmulatedUser user, List<String> groups, Instant changed) {
    String key = key(tenant, user);
    try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
      ConsumerRecord<String, String> record =
          kafka
              .awaitRecords(
                  Topics.DIRECTORY_USERS,
                  r ->
                      key.equals(r.key())
                          && r.value() != null
                          && r.timestamp() >= changed.toEpochMilli()
                          && EventJson.read(r.value(), DirectoryUser.class).groups().equals(groups),
                  1,
                  WITHIN.plusSeconds(10))
              .get(0);
      Duration latency = Duration.ofMillis(record.timestamp() - changed.toEpochMilli());
      assertThat(latency).isLessThanOrEqualTo(WITHIN);
    }
  }

  private static List<String> groupsNow(TenantOnboarding tenant, EmulatedUser user) {
    List<ConsumerRecord<String, String>> all = records(tenant);
    String key = key(tenant, user);
    ConsumerRecord<String, String> last =
        all.stream().filter(r -> r.key().equals(key)).reduce((a, b) -> b).orElseThrow();
    return EventJson.read(last.value(), DirectoryUser.class).groups();
  }

  private static EmulatedUser user(TenantOnboarding tenant, String email) {
    return tenant.google.createUser(
        tenant.customerId, UserSpec.ofEmail(email, email.substring(0, 3), "Test"));
  }

  private static String key(TenantOnboarding tenant, EmulatedUser user) {
    return Topics.userKey(tenant.tenantId, user.id());
  }

  private static List<ConsumerRecord<String, String>> records(TenantOnboarding tenant) {
    try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
      return kafka.readAll(
          Topics.DIRECTORY_USERS,
          r -> r.key().startsWith(tenant.tenantId + "/"),
          Duration.ofSeconds(60));
    }
  }
}
