package io.signet.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.api.services.gmail.Gmail;
import com.google.api.services.gmail.model.SendAs;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Google's real error bodies, surfaced by the real clients over HTTP, then classified. */
class GoogleErrorClassifierTest {

  private CannedGoogleServer google;
  private ServiceAccountKeyGenerator.GeneratedKey key;

  @BeforeEach
  void start() {
    google = new CannedGoogleServer();
    key =
        ServiceAccountKeyGenerator.generate(
            "signet-test",
            "signet@signet-test.iam.gserviceaccount.com",
            "104857600000000000001",
            google.baseUrl() + "token");
  }

  @AfterEach
  void stop() {
    google.close();
  }

  @ParameterizedTest(name = "{0} {1} -> {2} {3}")
  @CsvSource({
    "429, rate-limit-429.json,             QUOTA,      rateLimitExceeded",
    "429, project-quota-metric-429.json,   QUOTA,      rateLimitExceeded",
    "403, user-rate-limit-403.json,        USER_QUOTA, userRateLimitExceeded",
    "429, user-rate-limit-429.json,        USER_QUOTA, rateLimitExceeded",
    "403, user-quota-metric-403.json,      USER_QUOTA, rateLimitExceeded",
    "403, project-rate-limit-403.json,     QUOTA,      rateLimitExceeded",
    "403, quota-exceeded-403.json,         QUOTA,     quotaExceeded",
    "403, delegation-denied-403.json,      AUTH,      forbidden",
    "403, insufficient-scopes-403.json,    AUTH,      insufficientPermissions",
    "403, not-authorized-403.json,         AUTH,      forbidden",
    "401, invalid-credentials-401.json,    AUTH,      authError",
    "400, mail-not-enabled-400.json,       PERMANENT, failedPrecondition",
    "400, signature-too-long-400.json,     PERMANENT, invalidArgument",
    "404, not-found-404.json,              PERMANENT, notFound",
    "503, backend-error-503.json,          RETRYABLE, backendError",
  })
  void apiErrorsAreClassifiedByStatusAndReason(
      int status, String body, GoogleErrorCategory category, String reason) {
    google.answerApi(status, body);

    GoogleError error = GoogleErrorClassifier.classify(patchSignature());

    assertThat(error.category()).isEqualTo(category);
    assertThat(error.reason()).isEqualTo(reason);
    assertThat(error.httpStatus()).isEqualTo(status);
    assertThat(error.fromTokenEndpoint()).isFalse();
  }

  @Test
  void messageOfTheEnvelopeIsKept() {
    google.answerApi(400, "mail-not-enabled-400.json");

    GoogleError error = GoogleErrorClassifier.classify(patchSignature());

    assertThat(error.message()).isEqualTo("Mail service not enabled");
    assertThat(error.summary()).isEqualTo("400 failedPrecondition: Mail service not enabled");
  }

  @Test
  void perUserRateLimitCarriesGooglesRetryAfter() {
    google.answerApi(403, "user-rate-limit-403.json");

    GoogleError error = GoogleErrorClassifier.classify(patchSignature());

    assertThat(error.retryAfter()).contains(Instant.parse("2026-11-27T10:15:42Z"));
  }

  @ParameterizedTest(name = "token endpoint {0} {1} -> {2}")
  @CsvSource({
    "401, token-unauthorized-client-401.json, AUTH,    unauthorized_client",
    "400, token-bad-signature-400.json,       AUTH,    invalid_grant",
    "400, token-unknown-subject-400.json,     SUBJECT, invalid_grant",
  })
  void tokenEndpointRefusalsAreClassified(
      int status, String body, GoogleErrorCategory category, String reason) {
    google.refuseTokens(status, body);

    GoogleError error = GoogleErrorClassifier.classify(patchSignature());

    assertThat(error.category()).isEqualTo(category);
    assertThat(error.reason()).isEqualTo(reason);
    assertThat(error.fromTokenEndpoint()).isTrue();
  }

  /**
   * Every row of the wording table in this module's README, as Google sends it (quotes of "sub"
   * HTML-escaped), through the real auth library.
   */
  @ParameterizedTest(name = "token {0} {1} \"{2}\" -> {3}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "400 | invalid_grant       | Invalid email or User ID                              | SUBJECT",
        "400 | invalid_grant       | The account has been deleted                          | SUBJECT",
        "400 | invalid_grant       | Not a valid email.                                    | SUBJECT",
        "400 | invalid_request     | Invalid impersonation &quot;sub&quot; field.          | SUBJECT",
        "400 | invalid_request     | Invalid impersonation \"sub\" field.                  | SUBJECT",
        "400 | invalid_request     | Invalid impersonation prn email address.              | SUBJECT",
        "400 | invalid_account     | Forbidden                                             | SUBJECT",
        "400 | access_denied       | Account restricted                                    | SUBJECT",
        "400 | invalid_grant       | Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim. | CLOCK_SKEW",
        "400 | invalid_grant       | Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values and use a clock with skew to account for clock differences between systems. | CLOCK_SKEW",
        "401 | unauthorized_client | Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested. | AUTH",
        "400 | invalid_grant       | Invalid grant: account not found                      | AUTH",
        "400 | invalid_grant       | Robot is disabled.                                    | AUTH",
        "400 | invalid_grant       | Invalid JWT Signature.                                | AUTH",
        "400 | invalid_grant       | Invalid JWT: No valid verifier found for issuer.      | AUTH",
        "400 | invalid_grant       | A wording Google has never sent                       | AUTH",
      })
  void everyTokenWordingHasItsCategory(
      int status, String error, String description, GoogleErrorCategory category) {
    google.refuseTokensWith(
        status,
        "{\"error\":\""
            + error
            + "\",\"error_description\":\""
            + description.replace("\"", "\\\"")
            + "\"}",
        "application/json; charset=utf-8");

    GoogleError failure = GoogleErrorClassifier.classify(patchSignature());

    assertThat(failure.category()).isEqualTo(category);
    assertThat(failure.reason()).isEqualTo(error);
    assertThat(failure.fromTokenEndpoint()).isTrue();
    assertThat(failure.message()).doesNotContain("&quot;");
  }

  @ParameterizedTest(name = "token endpoint answers {0} {2} -> RETRYABLE")
  @CsvSource(
      delimiter = '|',
      value = {
        "502 | <html><body><h1>502 Bad Gateway</h1></body></html> | text/html; charset=UTF-8",
        "403 | <html><body>Forbidden by proxy policy</body></html> | text/html",
        "400 | Bad Request                                         | text/plain",
      })
  void aNonJsonTokenAnswerIsTransient(int status, String body, String contentType) {
    google.refuseTokensWith(status, body, contentType);

    GoogleError error = GoogleErrorClassifier.classify(patchSignature());

    assertThat(error.category()).isEqualTo(GoogleErrorCategory.RETRYABLE);
    assertThat(error.fromTokenEndpoint()).isTrue();
  }

  @ParameterizedTest(name = "API answers {0} {2} -> RETRYABLE")
  @CsvSource(
      delimiter = '|',
      value = {
        "502 | <html><head><title>502 Server Error</title></head><body>Bad Gateway</body></html> | text/html; charset=UTF-8",
        "503 | <html><body>Service Unavailable</body></html>                                     | text/html",
        "504 | Gateway Timeout                                                                   | text/plain",
        "403 | <html><body><h1>403 Forbidden</h1>Request blocked by proxy</body></html>          | text/html",
        "401 | <html><body>Unauthorized</body></html>                                            | text/html",
        "429 | Request rate higher than configured.                                              | text/plain",
      })
  void aNonJsonApiAnswerIsTransientNeverAuth(int status, String body, String contentType) {
    google.answerApiWith(status, body, contentType);

    GoogleError error = GoogleErrorClassifier.classify(patchSignature());

    assertThat(error.category()).isEqualTo(GoogleErrorCategory.RETRYABLE);
    assertThat(error.httpStatus()).isEqualTo(status);
    assertThat(error.reason()).isEqualTo("nonJson");
  }

  @Test
  void theFieldFormOfAPerUserLimitCarriesItsRetryAfter() {
    google.answerApi(429, "user-rate-limit-429.json");

    GoogleError error = GoogleErrorClassifier.classify(patchSignature());

    assertThat(error.retryAfter()).contains(Instant.parse("2026-11-27T10:30:00.724Z"));
  }

  @Test
  void unauthorizedClientKeepsGooglesDescription() {
    google.refuseTokens(401, "token-unauthorized-client-401.json");

    GoogleError error = GoogleErrorClassifier.classify(patchSignature());

    assertThat(error.message()).startsWith("Client is unauthorized to retrieve access tokens");
  }

  @Test
  void aNonJsonGatewayErrorIsRetryable() {
    google.answerApiWith(502, "<html>Bad Gateway</html>");

    GoogleError error = GoogleErrorClassifier.classify(patchSignature());

    assertThat(error.category()).isEqualTo(GoogleErrorCategory.RETRYABLE);
    assertThat(error.httpStatus()).isEqualTo(502);
  }

  @Test
  void aRefusedConnectionIsRetryable() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    GoogleClients clients =
        new GoogleClients(
            GoogleEndpoints.at("http://127.0.0.1:" + closedPort), Duration.ofSeconds(2), 4);
    Throwable failure =
        catchThrowable(
            () ->
                clients
                    .gmail(credentials(clients))
                    .users()
                    .settings()
                    .sendAs()
                    .list("jane@acme.example")
                    .execute());

    GoogleError error = GoogleErrorClassifier.classify(failure);

    assertThat(failure).isInstanceOf(IOException.class);
    assertThat(error.category()).isEqualTo(GoogleErrorCategory.RETRYABLE);
    assertThat(error.reason()).isEqualTo("io");
  }

  @Test
  void quotaAndTransientErrorsAreRetryableOthersAreNot() {
    assertThat(GoogleErrorCategory.QUOTA.retryable()).isTrue();
    assertThat(GoogleErrorCategory.USER_QUOTA.retryable()).isTrue();
    assertThat(GoogleErrorCategory.CLOCK_SKEW.retryable()).isTrue();
    assertThat(GoogleErrorCategory.SUBJECT.retryable()).isFalse();
    assertThat(GoogleErrorCategory.RETRYABLE.retryable()).isTrue();
    assertThat(GoogleErrorCategory.PERMANENT.retryable()).isFalse();
    assertThat(GoogleErrorCategory.AUTH.retryable()).isFalse();
  }

  private Throwable patchSignature() {
    GoogleClients clients =
        new GoogleClients(GoogleEndpoints.at(google.baseUrl()), Duration.ofSeconds(5), 4);
    Gmail gmail = clients.gmail(credentials(clients));
    Throwable failure =
        catchThrowable(
            () ->
                gmail
                    .users()
                    .settings()
                    .sendAs()
                    .patch(
                        "jane@acme.example",
                        "jane@acme.example",
                        new SendAs().setSignature("<b>Jane</b>"))
                    .execute());
    assertThat(failure).as("the call must fail").isNotNull();
    return failure;
  }

  private com.google.auth.oauth2.GoogleCredentials credentials(GoogleClients clients) {
    return clients.delegated(
        key.json().getBytes(), "jane@acme.example", List.of(GoogleScopes.GMAIL_SETTINGS_BASIC));
  }
}
