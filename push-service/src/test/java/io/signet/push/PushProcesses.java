package io.signet.push;

import io.signet.testing.ServiceProcess;
import io.signet.testing.TenantServiceTestResource;
import io.signet.testing.TestDatabase;
import io.signet.testing.TestPostgres;
import java.nio.file.Path;
import java.util.Map;

/**
 * The packaged push-service as processes sharing one database — replicas, or one instance killed
 * and started again — against this JVM's Kafka, emulator and tenant-service.
 */
final class PushProcesses {

  private final TestDatabase database = TestPostgres.server().createDatabase();
  private final Map<String, String> overrides;

  PushProcesses(Map<String, String> overrides) {
    TenantServiceTestResource.instance();
    this.overrides = overrides;
  }

  ServiceProcess start(String instanceId) {
    Map<String, String> config = ServiceProcess.testEnvironment(database);
    config.putAll(TenantServiceTestResource.clientConfig());
    config.put("signet.push.instance-id", instanceId);
    config.put("signet.push.lease", "PT10S");
    config.putAll(overrides);
    return ServiceProcess.start(
        "push-service",
        TenantServiceTestResource.freePort(),
        config,
        Path.of("target", "push-service-" + instanceId + ".log"));
  }
}
