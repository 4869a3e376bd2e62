package io.signet.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.emulator.state.UserSpec;
import io.signet.google.GoogleClients;
import io.signet.google.GoogleScopes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestEmulatorTest {

  @Test
  void theResourceGivesAFreshEmulatorThatTheOfficialClientsReach() throws Exception {
    Map<String, String> config = new WorkspaceEmulatorTestResource().start();
    var emulator = TestEmulator.instance();
    var state = emulator.state();
    String customer = state.createCustomer(null, List.of("resource.test")).id();
    var key =
        state.createServiceAccount(
            "resource-test", "resource-sa", config.get("signet.google.token-uri"));
    String clientId =
        state
            .serviceAccountByEmail("resource-sa@resource-test.iam.gserviceaccount.com")
            .orElseThrow()
            .clientId();
    state.setDelegation(customer, clientId, GoogleScopes.REQUIRED);
    state.createUser(customer, UserSpec.ofEmail("kim@resource.test", "Kim", "Lee"));

    GoogleClients clients = new GoogleClients(emulator.endpoints(), Duration.ofSeconds(5), 2);
    var sendAs =
        clients
            .gmail(
                clients.delegated(
                    key.json().getBytes(StandardCharsets.UTF_8),
                    "kim@resource.test",
                    GoogleScopes.REQUIRED))
            .users()
            .settings()
            .sendAs()
            .list("me")
            .execute();

    assertThat(sendAs.getSendAs()).hasSize(1);
    assertThat(config.get("signet.google.gmail-root-url")).isEqualTo(emulator.baseUrl());

    new WorkspaceEmulatorTestResource().start();
    assertThat(state.userCount()).isZero();
  }
}
