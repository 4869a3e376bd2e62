package io.signet.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.auth.oauth2.ServiceAccountCredentials;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DelegatedCredentialsTest {

  @Test
  void tokenEndpointFollowsTheConfiguredEndpointsNotTheKeyFile() {
    var key =
        ServiceAccountKeyGenerator.generate(
            "p", "sa@p.iam.gserviceaccount.com", "123", "https://oauth2.googleapis.com/token");
    GoogleEndpoints emulator = GoogleEndpoints.at("http://127.0.0.1:8089");

    ServiceAccountCredentials credentials =
        (ServiceAccountCredentials)
            new GoogleClients(emulator, Duration.ofSeconds(5), 2)
                .delegated(
                    key.json().getBytes(StandardCharsets.UTF_8),
                    "admin@acme.example",
                    GoogleScopes.REQUIRED);

    assertThat(credentials.getTokenServerUri())
        .isEqualTo(URI.create("http://127.0.0.1:8089/token"));
    assertThat(credentials.getServiceAccountUser()).isEqualTo("admin@acme.example");
    assertThat(credentials.getScopes()).containsExactlyElementsOf(GoogleScopes.REQUIRED);
    assertThat(credentials.getClientId()).isEqualTo("123");
  }

  @Test
  void aBrokenKeyIsRefusedWithoutEchoingIt() {
    byte[] notAKey =
        "{\"type\":\"service_account\",\"client_email\":\"a@b\",\"private_key\":\"SECRET-MATERIAL\"}"
            .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(
            () ->
                new GoogleClients(GoogleEndpoints.google(), Duration.ofSeconds(5), 2)
                    .delegated(notAKey, "admin@acme.example", List.of()))
        .isInstanceOf(InvalidServiceAccountKeyException.class)
        .hasMessageStartingWith("not a usable service-account key")
        .hasMessageNotContaining("SECRET-MATERIAL");
  }

  @Test
  void theDelegationLineListsEveryRequiredScope() {
    assertThat(GoogleScopes.delegationLine().split(","))
        .hasSize(4)
        .contains(GoogleScopes.GMAIL_SETTINGS_BASIC);
  }

  @Test
  void theSharingScopeIsAddedLastOnlyWhenAliasSendAsCreationIsOn() {
    assertThat(GoogleScopes.required(false)).isEqualTo(GoogleScopes.REQUIRED);
    assertThat(GoogleScopes.delegationLine(false)).isEqualTo(GoogleScopes.delegationLine());

    assertThat(GoogleScopes.required(true))
        .hasSize(5)
        .startsWith(GoogleScopes.REQUIRED.toArray(String[]::new))
        .endsWith("https://www.googleapis.com/auth/gmail.settings.sharing");
    assertThat(GoogleScopes.delegationLine(true))
        .isEqualTo(
            GoogleScopes.delegationLine()
                + ",https://www.googleapis.com/auth/gmail.settings.sharing");
  }
}
