package io.signet.emulator;

import static io.signet.emulator.EmulatorFixture.JANE;
import static io.signet.emulator.EmulatorFixture.NOA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.api.services.gmail.Gmail;
import com.google.api.services.gmail.model.SendAs;
import io.signet.emulator.http.FaultRequests;
import io.signet.emulator.http.QuotaSettings;
import io.signet.emulator.state.AccountTroubles;
import io.signet.google.GoogleError;
import io.signet.google.GoogleErrorCategory;
import io.signet.google.GoogleErrorClassifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One user's trouble as Google words it — deleted, restricted, disabled, rate-limited — and the
 * client's (a disabled or deleted service account), a skewed clock, and non-JSON front-end pages,
 * each through the official clients and classified as Signet does.
 */
class AccountTroubleFidelityTest {

  private final EmulatorFixture fixture = new EmulatorFixture();
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void aDeletedUserIsDeletedForAWhileThenAnInvalidSub() throws Exception {
    fixture.state.deleteUser(JANE);

    GoogleError recent = listAs(JANE);

    assertThat(recent.httpStatus()).isEqualTo(400);
    assertThat(recent.reason()).isEqualTo("invalid_grant");
    assertThat(recent.message()).isEqualTo("The account has been deleted");
    assertThat(recent.category()).isEqualTo(GoogleErrorCategory.SUBJECT);

    assertThat(admin("PUT", "/emulator/v1/tokens/deleted-account-window", "{\"seconds\":0}"))
        .isEqualTo(200);
    GoogleError gone = listAs(JANE);

    assertThat(gone.httpStatus()).isEqualTo(400);
    assertThat(gone.reason()).isEqualTo("invalid_request");
    assertThat(gone.message()).isEqualTo("Invalid impersonation \"sub\" field.");
    assertThat(gone.category()).isEqualTo(GoogleErrorCategory.SUBJECT);
  }

  @Test
  void theDeletedWindowEndsWithTheEmulatorsClockToo() {
    fixture.state.troubles().setDeletedWindow(Duration.ofMinutes(3));
    fixture.state.deleteUser(JANE);
    assertThat(listAs(JANE).message()).isEqualTo("The account has been deleted");

    // four minutes on: past the window, and still within the JWT's five minutes of allowed skew
    fixture.clock.advance(Duration.ofMinutes(4));
    assertThat(listAs(JANE).reason()).isEqualTo("invalid_request");
  }

  @Test
  void aRestrictedOrDisabledUserIsRefusedForThatUserAlone() throws Exception {
    assertThat(
            admin(
                "PUT", "/emulator/v1/users/" + JANE + "/standing", "{\"standing\":\"RESTRICTED\"}"))
        .isEqualTo(200);

    GoogleError restricted = listAs(JANE);

    assertThat(restricted.reason()).isEqualTo("access_denied");
    assertThat(restricted.message()).isEqualTo("Account restricted");
    assertThat(restricted.category()).isEqualTo(GoogleErrorCategory.SUBJECT);
    assertThat(fixture.gmailAs(NOA).users().settings().sendAs().list("me").execute().getSendAs())
        .isNotEmpty();

    fixture.state.setStanding(JANE, AccountTroubles.Standing.DISABLED);
    GoogleError disabled = listAs(JANE);

    assertThat(disabled.reason()).isEqualTo("invalid_account");
    assertThat(disabled.message()).isEqualTo("Forbidden");
    assertThat(disabled.category()).isEqualTo(GoogleErrorCategory.SUBJECT);

    fixture.state.setStanding(JANE, AccountTroubles.Standing.GOOD);
    assertThat(fixture.gmailAs(JANE).users().settings().sendAs().list("me").execute().getSendAs())
        .isNotEmpty();
    assertThat(
            admin("PUT", "/emulator/v1/users/" + JANE + "/standing", "{\"standing\":\"BANNED\"}"))
        .isEqualTo(400);
  }

  @Test
  void aDisabledOrDeletedServiceAccountIsTheClientsTrouble() throws Exception {
    assertThat(
            admin(
                "PUT",
                "/emulator/v1/service-accounts/" + fixture.clientId + "/standing",
                "{\"standing\":\"DISABLED\"}"))
        .isEqualTo(200);

    GoogleError disabled = listAs(JANE);

    assertThat(disabled.reason()).isEqualTo("invalid_grant");
    assertThat(disabled.message()).isEqualTo("Robot is disabled.");
    assertThat(disabled.category()).isEqualTo(GoogleErrorCategory.AUTH);

    fixture.state.setStanding(fixture.clientId, AccountTroubles.ServiceAccountStanding.DELETED);
    GoogleError deleted = listAs(NOA);

    assertThat(deleted.message()).isEqualTo("Invalid grant: account not found");
    assertThat(deleted.category()).isEqualTo(GoogleErrorCategory.AUTH);
  }

  @Test
  void aSkewedClockIsRefusedWithGooglesWording() throws Exception {
    assertThat(admin("PUT", "/emulator/v1/tokens/clock-offset", "{\"seconds\":7200}"))
        .isEqualTo(200);

    GoogleError skewed = listAs(JANE);

    assertThat(skewed.reason()).isEqualTo("invalid_grant");
    assertThat(skewed.message())
        .isEqualTo(
            "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable"
                + " timeframe. Check your iat and exp values and use a clock with skew to account"
                + " for clock differences between systems.");
    assertThat(skewed.category()).isEqualTo(GoogleErrorCategory.CLOCK_SKEW);

    fixture.emulator.controls().setTokenClockOffset(Duration.ZERO);
    assertThat(fixture.gmailAs(JANE).users().settings().sendAs().list("me").execute().getSendAs())
        .isNotEmpty();
  }

  @Test
  void aUserHeldAtTheLimitIsRefusedUntilRetryAfterInEachForm() throws Exception {
    Gmail.Users.Settings.SendAs jane = fixture.gmailAs(JANE).users().settings().sendAs();
    Gmail.Users.Settings.SendAs noa = fixture.gmailAs(NOA).users().settings().sendAs();
    jane.list("me").execute();
    Instant until = fixture.clock.instant().plusSeconds(900).truncatedTo(ChronoUnit.SECONDS);
    assertThat(admin("PUT", "/emulator/v1/users/" + JANE + "/rate-limit", "{\"seconds\":900}"))
        .isEqualTo(200);

    GoogleError byDefault =
        failure(() -> jane.patch("me", JANE, new SendAs().setSignature("x")).execute());

    assertThat(byDefault.httpStatus()).isEqualTo(429);
    assertThat(byDefault.reason()).isEqualTo("rateLimitExceeded");
    assertThat(byDefault.message()).startsWith("User-rate limit exceeded.  Retry after ");
    assertThat(byDefault.category()).isEqualTo(GoogleErrorCategory.USER_QUOTA);
    assertThat(byDefault.retryAfter())
        .hasValueSatisfying(at -> assertThat(at).isBetween(until, until.plusSeconds(1)));
    // the project and every other user are untouched
    noa.patch("me", NOA, new SendAs().setSignature("fine")).execute();

    configure(QuotaSettings.PerUserAnswer.USER_RATE_LIMIT_403);
    GoogleError legacy = failure(() -> jane.list("me").execute());
    assertThat(legacy.httpStatus()).isEqualTo(403);
    assertThat(legacy.reason()).isEqualTo("userRateLimitExceeded");
    assertThat(legacy.category()).isEqualTo(GoogleErrorCategory.USER_QUOTA);
    assertThat(legacy.retryAfter()).isPresent();

    configure(QuotaSettings.PerUserAnswer.QUOTA_METRIC_403);
    GoogleError metric = failure(() -> jane.list("me").execute());
    assertThat(metric.httpStatus()).isEqualTo(403);
    assertThat(metric.reason()).isEqualTo("rateLimitExceeded");
    assertThat(metric.message()).contains("limit 'Queries per minute per user'");
    assertThat(metric.category()).isEqualTo(GoogleErrorCategory.USER_QUOTA);

    assertThat(
            fixture
                .state
                .troubles()
                .limitOf(fixture.state.requireUser(JANE))
                .orElseThrow()
                .refused())
        .isEqualTo(3);
    fixture.clock.advance(Duration.ofSeconds(901));
    assertThat(failureOrNull(() -> jane.list("me").execute())).isNull();
  }

  @Test
  void injectedHtmlAndPlainTextPagesAreTransientNeverAuth() throws Exception {
    Gmail.Users.Settings.SendAs jane = fixture.gmailAs(JANE).users().settings().sendAs();
    jane.list("me").execute();
    for (var page :
        java.util.List.of(
            new FaultRequests.NextFailureRequest(
                "sendAs.patch", 1, 502, "badGateway", null, "html"),
            new FaultRequests.NextFailureRequest(
                "sendAs.patch", 1, 503, "unavailable", null, "html"),
            new FaultRequests.NextFailureRequest("sendAs.patch", 1, 403, "proxy", null, "html"),
            new FaultRequests.NextFailureRequest("sendAs.patch", 1, 429, "proxy", null, "text"))) {
      fixture.emulator.controls().failNext(page);

      GoogleError error =
          failure(() -> jane.patch("me", JANE, new SendAs().setSignature("p")).execute());

      assertThat(error.httpStatus()).isEqualTo(page.status());
      assertThat(error.reason()).isEqualTo("nonJson");
      assertThat(error.category()).isEqualTo(GoogleErrorCategory.RETRYABLE);
    }
    assertThat(
            admin(
                "POST",
                "/emulator/v1/faults/next",
                "{\"operation\":\"sendAs.patch\",\"count\":1,\"status\":502,\"reason\":\"x\","
                    + "\"format\":\"xml\"}"))
        .isEqualTo(400);
  }

  @Test
  void aTokenEndpointAnsweringAProxyPageIsTransient() {
    fixture
        .emulator
        .controls()
        .failNext(new FaultRequests.NextFailureRequest("token", 1, 403, "proxy", null, "html"));

    GoogleError error = listAs(JANE);

    assertThat(error.fromTokenEndpoint()).isTrue();
    assertThat(error.httpStatus()).isEqualTo(403);
    assertThat(error.category()).isEqualTo(GoogleErrorCategory.RETRYABLE);
  }

  private void configure(QuotaSettings.PerUserAnswer form) {
    QuotaSettings now = fixture.emulator.controls().quotas();
    fixture
        .emulator
        .controls()
        .configureQuotas(
            new QuotaSettings(
                now.enabled(),
                now.gmailUnitsPerMinutePerProject(),
                now.gmailUnitsPerMinutePerUser(),
                now.directoryQueriesPerMinutePerUser(),
                form));
  }

  private int admin(String method, String path, String body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(fixture.emulator.baseUrl() + path.substring(1)))
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private GoogleError listAs(String subject) {
    return failure(() -> fixture.gmailAs(subject).users().settings().sendAs().list("me").execute());
  }

  @FunctionalInterface
  interface Call {
    Object run() throws Exception;
  }

  private static GoogleError failure(Call call) {
    GoogleError error = failureOrNull(call);
    assertThat(error).as("the call must fail").isNotNull();
    return error;
  }

  private static GoogleError failureOrNull(Call call) {
    Throwable failure = catchThrowable(call::run);
    return failure == null ? null : GoogleErrorClassifier.classify(failure);
  }
}
