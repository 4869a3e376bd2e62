package io.signet.emulator;

import static io.signet.emulator.EmulatorFixture.ADMIN;
import static io.signet.emulator.EmulatorFixture.JANE;
import static io.signet.emulator.EmulatorFixture.NOA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.api.services.gmail.Gmail;
import com.google.api.services.gmail.model.SendAs;
import io.signet.emulator.http.FaultRequests;
import io.signet.emulator.http.QuotaSettings;
import io.signet.google.GoogleError;
import io.signet.google.GoogleErrorCategory;
import io.signet.google.GoogleErrorClassifier;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Google's quotas with their real costs, and injected latency and errors. */
class QuotaAndFaultFidelityTest {

  private final EmulatorFixture fixture = new EmulatorFixture();
  private final Gmail.Users.Settings.SendAs jane =
      fixture.gmailAs(JANE).users().settings().sendAs();
  private final Gmail.Users.Settings.SendAs noa = fixture.gmailAs(NOA).users().settings().sendAs();

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void theUserQuotaCountsAWriteAs100UnitsAndAnswersUserRateLimitExceeded() throws Exception {
    fixture
        .emulator
        .controls()
        .configureQuotas(
            new QuotaSettings(
                true, 1_200_000, 250, 2_400, QuotaSettings.PerUserAnswer.USER_RATE_LIMIT_403));

    jane.patch("me", JANE, new SendAs().setSignature("one")).execute();
    jane.patch("me", JANE, new SendAs().setSignature("two")).execute();
    jane.list("me").execute();
    GoogleError error =
        failure(() -> jane.patch("me", JANE, new SendAs().setSignature("3")).execute());

    assertThat(error.httpStatus()).isEqualTo(403);
    assertThat(error.reason()).isEqualTo("userRateLimitExceeded");
    assertThat(error.category()).isEqualTo(GoogleErrorCategory.USER_QUOTA);
    assertThat(error.retryAfter()).hasValueSatisfying(at -> assertThat(at).isAfter(Instant.now()));
    assertThat(fixture.state.writeCount()).isEqualTo(2);
  }

  @Test
  void theProjectQuotaIsSharedByEveryUserAndAnswers429() throws Exception {
    fixture.emulator.controls().configureQuotas(new QuotaSettings(true, 200, 15_000, 2_400));

    jane.patch("me", JANE, new SendAs().setSignature("one")).execute();
    noa.patch("me", NOA, new SendAs().setSignature("two")).execute();
    GoogleError error =
        failure(() -> noa.patch("me", NOA, new SendAs().setSignature("3")).execute());

    assertThat(error.httpStatus()).isEqualTo(429);
    assertThat(error.reason()).isEqualTo("rateLimitExceeded");
    assertThat(error.message()).isEqualTo("Resource has been exhausted (e.g. check quota).");
    assertThat(error.category()).isEqualTo(GoogleErrorCategory.QUOTA);
  }

  @Test
  void aReadCostsOneUnit() throws Exception {
    fixture.emulator.controls().configureQuotas(new QuotaSettings(true, 1_200_000, 5, 2_400));

    for (int i = 0; i < 5; i++) {
      jane.get("me", JANE).execute();
    }
    GoogleError error = failure(() -> jane.get("me", JANE).execute());

    // by default the per-user limit comes in the field form hardest to tell from the project's
    assertThat(error.httpStatus()).isEqualTo(429);
    assertThat(error.reason()).isEqualTo("rateLimitExceeded");
    assertThat(error.message()).startsWith("User-rate limit exceeded.  Retry after ");
    assertThat(error.category()).isEqualTo(GoogleErrorCategory.USER_QUOTA);
  }

  @Test
  void directoryQueriesHaveTheirOwnPerUserLimit() throws Exception {
    fixture.emulator.controls().configureQuotas(new QuotaSettings(true, 1_200_000, 15_000, 2));
    var users = fixture.directoryAs(ADMIN).users();

    users.get(JANE).execute();
    users.get(NOA).execute();
    GoogleError error = failure(() -> users.get(JANE).execute());

    assertThat(error.httpStatus()).isEqualTo(403);
    assertThat(error.reason()).isEqualTo("userRateLimitExceeded");
  }

  @Test
  void theNextNCallsFailWithTheInjectedErrorThenCallsSucceed() throws Exception {
    fixture
        .emulator
        .controls()
        .failNext(new FaultRequests.NextFailureRequest("sendAs.patch", 2, 503, "backendError"));

    GoogleError first =
        failure(() -> jane.patch("me", JANE, new SendAs().setSignature("a")).execute());
    GoogleError second =
        failure(() -> jane.patch("me", JANE, new SendAs().setSignature("a")).execute());
    jane.list("me").execute();
    SendAs third = jane.patch("me", JANE, new SendAs().setSignature("a")).execute();

    assertThat(List.of(first, second))
        .allSatisfy(
            e -> {
              assertThat(e.httpStatus()).isEqualTo(503);
              assertThat(e.reason()).isEqualTo("backendError");
              assertThat(e.message()).isEqualTo("The service is currently unavailable.");
              assertThat(e.category()).isEqualTo(GoogleErrorCategory.RETRYABLE);
            });
    assertThat(third.getSignature()).isEqualTo("a");
  }

  @Test
  void anInjected429StormAnswersGooglesQuotaEnvelope() throws Exception {
    jane.list("me").execute(); // holds a token now: "*" would otherwise hit the token endpoint
    fixture
        .emulator
        .controls()
        .failNext(new FaultRequests.NextFailureRequest("*", 1, 429, "rateLimitExceeded"));

    GoogleError error = failure(() -> jane.list("me").execute());

    assertThat(error.httpStatus()).isEqualTo(429);
    assertThat(error.category()).isEqualTo(GoogleErrorCategory.QUOTA);
  }

  @Test
  void theAuthLibraryRetriesATokenEndpoint503ByItself() throws Exception {
    fixture
        .emulator
        .controls()
        .failNext(new FaultRequests.NextFailureRequest("token", 1, 503, "backendError"));

    assertThat(jane.list("me").execute().getSendAs()).isNotEmpty();
  }

  @Test
  void errorRatesFailTheirShareOfCalls() throws Exception {
    fixture
        .emulator
        .controls()
        .setFaults(
            new FaultRequests.FaultsRequest(
                null,
                List.of(
                    new FaultRequests.ErrorRateRequest("sendAs.get", 500, "backendError", 1.0))));

    GoogleError error = failure(() -> jane.get("me", JANE).execute());
    var list = jane.list("me").execute();

    assertThat(error.httpStatus()).isEqualTo(500);
    assertThat(list.getSendAs()).isNotEmpty();
  }

  @Test
  void injectedLatencyDelaysTheAnswer() throws Exception {
    fixture
        .emulator
        .controls()
        .setFaults(
            new FaultRequests.FaultsRequest(
                List.of(new FaultRequests.LatencyRequest("sendAs.list", 200, 250)), null));

    long started = System.nanoTime();
    jane.list("me").execute();
    long millis = (System.nanoTime() - started) / 1_000_000;

    assertThat(millis).isGreaterThanOrEqualTo(200);
  }

  @Test
  void everyInjectedDelayIsLoggedWithTheCallAndTheUserItActedAs() throws Exception {
    Instant before = Instant.now();
    fixture
        .emulator
        .controls()
        .setFaults(
            new FaultRequests.FaultsRequest(
                List.of(
                    new FaultRequests.LatencyRequest("sendAs.list", 120, 120),
                    new FaultRequests.LatencyRequest("sendAs.patch", 80, 80)),
                null));

    jane.list("me").execute();
    noa.patch("me", NOA, new SendAs().setSignature("one")).execute();

    var lists = fixture.emulator.controls().injectedLatency(before, "sendAs.list", 100);
    assertThat(lists).hasSize(1);
    assertThat(lists.get(0).subject()).isEqualTo(JANE);
    assertThat(lists.get(0).uri()).startsWith("/gmail/v1/users/me/settings/sendAs");
    // the answer was held for the latency less what the call itself took
    assertThat(lists.get(0).millis()).isBetween(60L, 120L);
    assertThat(lists.get(0).at()).isAfterOrEqualTo(before.minusMillis(5));
    var all = fixture.emulator.controls().injectedLatency(before, null, 100);
    assertThat(all).extracting(e -> e.operation()).containsExactly("sendAs.list", "sendAs.patch");
    assertThat(all.get(1).subject()).isEqualTo(NOA);
    assertThat(fixture.emulator.controls().injectedLatency(Instant.now().plusSeconds(1), null, 100))
        .isEmpty();
    fixture.emulator.controls().clearFaults();
    assertThat(fixture.emulator.controls().injectedLatency(before, null, 100)).isEmpty();
  }

  private static GoogleError failure(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    Throwable failure = catchThrowable(call);
    assertThat(failure).as("the call must fail").isNotNull();
    return GoogleErrorClassifier.classify(failure);
  }
}
