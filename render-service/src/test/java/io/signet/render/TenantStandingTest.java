package io.signet.render;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.signet.testing.JwtKeysTestResource;
import io.signet.testing.KafkaTestResource;
import io.signet.testing.PostgresTestResource;
import io.signet.testing.TenantOnboarding;
import io.signet.testing.TenantServiceTestResource;
import io.signet.testing.TenantStandingChecks;
import io.signet.testing.WorkspaceEmulatorTestResource;
import org.junit.jupiter.api.Test;

/**
 * A tenant suspended in the real tenant-service: its admin's token may only read templates here;
 * once deleted, its token is refused.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(WorkspaceEmulatorTestResource.class)
@QuarkusTestResource(JwtKeysTestResource.class)
@QuarkusTestResource(TenantServiceTestResource.class)
class TenantStandingTest {

  @Test
  void aSuspendedTenantsTokenOnlyReadsAndADeletedOnesIsRefused() throws Exception {
    TenantOnboarding tenant = new TenantOnboarding(0).activate();
    String templates = "/api/v1/tenants/" + tenant.tenantId + "/templates";

    TenantStandingChecks.suspendAndAwaitReadOnly(
        tenant,
        templates,
        templates,
        "{\"name\":\"Default\",\"source\":\"<b>{user.fullName}</b>\"}");
    TenantStandingChecks.deleteAndAwaitRefusal(tenant, templates);
  }
}
