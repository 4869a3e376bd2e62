package io.signet.emulator;

import static io.signet.emulator.EmulatorFixture.ADMIN;
import static io.signet.emulator.EmulatorFixture.JANE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.api.services.gmail.Gmail;
import io.signet.google.GoogleError;
import io.signet.google.GoogleErrorCategory;
import io.signet.google.GoogleErrorClassifier;
import io.signet.google.GoogleScopes;
import io.signet.google.ServiceAccountKeyGenerator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every row of Google's token endpoint table, through the official auth library. */
class TokenEndpointFidelityTest {

  private static final String UNAUTHORIZED_CLIENT =
      "Client is unauthorized to retrieve access tokens using this method, or client not"
          + " authorized for any of the scopes requested.";

  private final EmulatorFixture fixture = new EmulatorFixture();

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void aGrantedDelegationGetsATokenAndTheApiAnswers() throws Exception {
    var sendAs = fixture.gmailAs(JANE).users().settings().sendAs().list("me").execute();

    assertThat(sendAs.getSendAs()).extracting("sendAsEmail").contains(JANE);
  }

  @Test
  void noGrantAtAllIsUnauthorizedClient() {
    fixture.state.removeDelegation(fixture.customerId, fixture.clientId);

    GoogleError error = listAs(fixture.gmailAs(JANE));

    assertThat(error.fromTokenEndpoint()).isTrue();
    assertThat(error.httpStatus()).isEqualTo(401);
    assertThat(error.reason()).isEqualTo("unauthorized_client");
    assertThat(error.message()).isEqualTo(UNAUTHORIZED_CLIENT);
    assertThat(error.category()).isEqualTo(GoogleErrorCategory.AUTH);
  }

  @Test
  void oneScopeMissingFromTheGrantIsUnauthorizedClient() {
    fixture.state.setDelegation(
        fixture.customerId,
        fixture.clientId,
        List.of(GoogleScopes.DIRECTORY_USER_READONLY, GoogleScopes.DIRECTORY_GROUP_READONLY));

    GoogleError error = listAs(fixture.gmailAs(JANE, List.of(GoogleScopes.GMAIL_SETTINGS_BASIC)));

    assertThat(error.reason()).isEqualTo("unauthorized_client");
    assertThat(error.httpStatus()).isEqualTo(401);
  }

  @Test
  void aGrantForAnotherClientIdIsUnauthorizedClient() {
    fixture.state.removeDelegation(fixture.customerId, fixture.clientId);
    fixture.state.setDelegation(fixture.customerId, "123456789012345678901", GoogleScopes.REQUIRED);

    GoogleError error = listAs(fixture.gmailAs(JANE));

    assertThat(error.reason()).isEqualTo("unauthorized_client");
  }

  @Test
  void anUnknownSubjectIsInvalidGrant() {
    GoogleError error = listAs(fixture.gmailAs("nobody@acme.test"));

    assertThat(error.httpStatus()).isEqualTo(400);
    assertThat(error.reason()).isEqualTo("invalid_grant");
    assertThat(error.message()).isEqualTo("Invalid email or User ID");
    assertThat(error.category()).isEqualTo(GoogleErrorCategory.SUBJECT);
  }

  @Test
  void aRevokedKeyHasAnInvalidSignature() {
    fixture.state.revokeKey(fixture.clientId);

    GoogleError error = listAs(fixture.gmailAs(JANE));

    assertThat(error.reason()).isEqualTo("invalid_grant");
    assertThat(error.message()).isEqualTo("Invalid JWT Signature.");
  }

  @Test
  void aKeySignedByAnotherPrivateKeyHasAnInvalidSignature() {
    String forged =
        ServiceAccountKeyGenerator.generate(
                "signet-test",
                "signet-connector@signet-test.iam.gserviceaccount.com",
                fixture.clientId,
                fixture.emulator.endpoints().tokenUri().toString())
            .json();

    GoogleError error = listWithKey(forged, JANE);

    assertThat(error.message()).isEqualTo("Invalid JWT Signature.");
  }

  @Test
  void anUnknownIssuerHasNoVerifier() {
    String stranger =
        ServiceAccountKeyGenerator.generate(
                "other-project",
                "stranger@other-project.iam.gserviceaccount.com",
                "999999999999999999999",
                fixture.emulator.endpoints().tokenUri().toString())
            .json();

    GoogleError error = listWithKey(stranger, JANE);

    assertThat(error.reason()).isEqualTo("invalid_grant");
    assertThat(error.message()).isEqualTo("Invalid JWT: No valid verifier found for issuer.");
  }

  @Test
  void anAssertionOutOfItsTimeframeIsRefused() {
    fixture.clock.advance(Duration.ofHours(2));

    GoogleError error = listAs(fixture.gmailAs(JANE));

    assertThat(error.reason()).isEqualTo("invalid_grant");
    assertThat(error.message()).startsWith("Invalid JWT: Token must be a short-lived token");
  }

  @Test
  void anExpiredAccessTokenIsRefreshedOnceByTheClientAndTheCallSucceeds() throws Exception {
    Gmail gmail = fixture.gmailAs(JANE);
    gmail.users().settings().sendAs().list("me").execute();
    long tokensBefore = tokenCalls();

    fixture.state.expireAllTokens();
    var sendAs = gmail.users().settings().sendAs().list("me").execute();

    assertThat(sendAs.getSendAs()).isNotEmpty();
    assertThat(tokenCalls()).isEqualTo(tokensBefore + 1);
  }

  @Test
  void aTokenWithoutTheApisScopeIsInsufficientPermissions() {
    GoogleError error =
        listAs(fixture.gmailAs(ADMIN, List.of(GoogleScopes.DIRECTORY_USER_READONLY)));

    assertThat(error.httpStatus()).isEqualTo(403);
    assertThat(error.reason()).isEqualTo("insufficientPermissions");
    assertThat(error.message()).isEqualTo("Request had insufficient authentication scopes.");
    assertThat(error.category()).isEqualTo(GoogleErrorCategory.AUTH);
  }

  private GoogleError listWithKey(String keyJson, String subject) {
    Gmail gmail =
        fixture.clients.gmail(
            fixture.clients.delegated(
                keyJson.getBytes(StandardCharsets.UTF_8), subject, GoogleScopes.REQUIRED));
    return listAs(gmail);
  }

  private static GoogleError listAs(Gmail gmail) {
    Throwable failure =
        catchThrowable(() -> gmail.users().settings().sendAs().list("me").execute());
    assertThat(failure).as("the call must fail").isNotNull();
    return GoogleErrorClassifier.classify(failure);
  }

  @SuppressWarnings("unchecked")
  private long tokenCalls() {
    var stats =
        (Map<String, Map<String, Long>>) fixture.emulator.controls().stats().get("operations");
    return stats.get("token").get("calls");
  }
}
