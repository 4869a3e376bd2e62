package io.signet.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.signet.directory.service.GroupReconciler;
import io.signet.directory.service.TenantDirectory;
import io.signet.testing.TenantOnboarding;
import io.signet.testing.TestEmulator;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What one group reconciliation costs at Google: ceil(G/200) groups.list plus ceil(m/200) (at least
 * one) members.list per group, users.get only for changed users, every query paced under the
 * configured bound; many changed users become one full sync instead of many users.get.
 */
@QuarkusTest
@TestProfile(GroupQuotaProfile.class)
@DirectorySyncTestResources
class GroupReadQuotaTest {

  @Inject GroupReconciler reconciler;
  @Inject TenantDirectory tenants;

  @Test
  void aReconciliationMakesOneQueryPerPageOfGroupsAndMembersPacedUnderTheBound() throws Exception {
    TenantOnboarding tenant = new TenantOnboarding(450);
    String d = "@" + tenant.domain;
    tenant.google.createGroup(tenant.customerId, "big" + d, "Big", null);
    List<String> generated =
        tenant.google.requireCustomer(tenant.customerId).usersByEmail().keySet().stream()
            .filter(email -> !email.equals(tenant.admin))
            .toList();
    generated.forEach(email -> tenant.google.addMember("big" + d, email, null));
    for (String small : List.of("a", "b", "c", "e")) {
      tenant.google.createGroup(tenant.customerId, small + d, small, null);
    }
    tenant.google.addMember("a" + d, tenant.admin, null);
    tenant.activate();
    SyncRunsApi.awaitLatestRun(tenant, Duration.ofSeconds(90));

    // 5 groups: 1 groups.list page; members.list 3 pages of big (450), 1 for each of the others
    long groupsBefore = calls("groups.list");
    long membersBefore = calls("members.list");
    long started = System.nanoTime();
    assertThat(reconciler.reconcile(tenants.find(tenant.tenantId).orElseThrow()))
        .isEqualTo(GroupReconciler.Outcome.UNCHANGED);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(calls("groups.list") - groupsBefore).isEqualTo(1);
    assertThat(calls("members.list") - membersBefore).isEqualTo(3 + 4);
    // 8 queries at 120 a minute: 7 gaps of half a second at least
    assertThat(took)
        .isGreaterThanOrEqualTo(
            Duration.ofMinutes(1).dividedBy(GroupQuotaProfile.QUERIES_PER_MINUTE).multipliedBy(7));

    // one changed user costs one users.get more
    tenant.google.addMember("b" + d, generated.get(0), null);
    long getsBefore = calls("users.get");
    assertThat(reconciler.reconcile(tenants.find(tenant.tenantId).orElseThrow()))
        .isEqualTo(GroupReconciler.Outcome.USERS_EMITTED);
    assertThat(calls("users.get") - getsBefore).isEqualTo(1);

    // big nested in c changes 450 users' groups: above max-user-reads, so one full sync
    tenant.google.addMember("c" + d, "big" + d, null);
    getsBefore = calls("users.get");
    assertThat(reconciler.reconcile(tenants.find(tenant.tenantId).orElseThrow()))
        .isEqualTo(GroupReconciler.Outcome.FULL_SYNC);
    assertThat(calls("users.get")).isEqualTo(getsBefore);
    Map<String, Object> run = SyncRunsApi.awaitLatestRun(tenant, Duration.ofSeconds(90));
    assertThat(run).containsEntry("trigger", "GROUPS").containsEntry("state", "SUCCEEDED");
    assertThat(run.get("emittedChanged")).isEqualTo(450);
  }

  @SuppressWarnings("unchecked")
  private static long calls(String operation) {
    var operations =
        (Map<String, Map<String, Long>>)
            TestEmulator.instance().controls().stats().get("operations");
    return operations.getOrDefault(operation, Map.of("calls", 0L)).get("calls");
  }
}
