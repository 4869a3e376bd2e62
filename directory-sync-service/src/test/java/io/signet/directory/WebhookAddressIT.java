package io.signet.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.testing.ServiceProcess;
import io.signet.testing.TenantServiceTestResource;
import io.signet.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged service refuses to start with a webhook address Google would never deliver to, and
 * says why; an https one (or http with the local-only flag) starts.
 */
class WebhookAddressIT {

  @Test
  void anHttpWebhookWithoutTheLocalFlagStopsTheServiceAtStart() throws Exception {
    Map<String, String> config =
        ServiceProcess.testEnvironment(TestPostgres.server().createDatabase());
    config.put("signet.directory.webhook-base-url", "http://signet.example.com");
    Path log = Path.of("target", "directory-sync-http-webhook.log");
    Files.deleteIfExists(log);

    assertThatThrownBy(
            () ->
                ServiceProcess.start(
                    "directory-sync-service", TenantServiceTestResource.freePort(), config, log))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("exited with");

    assertThat(Files.readString(log))
        .contains(
            "signet.directory.webhook-base-url must be an https:// URL, because Google delivers"
                + " Directory push notifications only to HTTPS addresses")
        .contains("got http://signet.example.com")
        .contains("signet.directory.webhook-allow-http=true");
  }

  @Test
  void anHttpsWebhookOrTheLocalFlagStarts() throws Exception {
    for (Map.Entry<String, String> setting :
        Map.of(
                "https://signet.example.com", "false",
                "http://127.0.0.1:9", "true")
            .entrySet()) {
      Map<String, String> config =
          ServiceProcess.testEnvironment(TestPostgres.server().createDatabase());
      config.put("signet.directory.webhook-base-url", setting.getKey());
      config.put("signet.directory.webhook-allow-http", setting.getValue());
      try (ServiceProcess service =
          ServiceProcess.start(
              "directory-sync-service",
              TenantServiceTestResource.freePort(),
              config,
              Path.of("target", "directory-sync-webhook-" + setting.getValue() + ".log"))) {
        assertThat(service.isAlive()).isTrue();
      }
    }
  }
}
