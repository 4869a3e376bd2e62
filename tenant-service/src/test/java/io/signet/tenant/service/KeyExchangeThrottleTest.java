package io.signet.tenant.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.signet.support.Problem;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Failed key exchanges per address and per key id, on a clock the test moves. */
class KeyExchangeThrottleTest {

  private static final long MINUTE = Duration.ofMinutes(1).toNanos();

  private long now = 1_000;
  private final KeyExchangeThrottle throttle = new KeyExchangeThrottle(3, MINUTE, () -> now);

  @Test
  void anAddressIsRefusedAfterItsFailuresUntilTheWindowEnds() {
    for (int i = 0; i < 3; i++) {
      assertThatCode(() -> throttle.check("10.0.0.1", null)).doesNotThrowAnyException();
      throttle.failed("10.0.0.1", null);
    }
    now += Duration.ofSeconds(20).toNanos();

    Problem refused = catchThrowableOfType(Problem.class, () -> throttle.check("10.0.0.1", null));
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.type()).isEqualTo("too-many-attempts");
    assertThat(refused.retryAfterSeconds()).isEqualTo(40);
    assertThatCode(() -> throttle.check("10.0.0.2", null)).doesNotThrowAnyException();

    now += Duration.ofSeconds(40).toNanos();
    assertThatCode(() -> throttle.check("10.0.0.1", null)).doesNotThrowAnyException();
  }

  @Test
  void aKeyIsRefusedFromEveryAddressAfterItsFailures() {
    for (int i = 0; i < 3; i++) {
      throttle.failed("10.0.1." + i, "key1");
    }
    Problem refused = catchThrowableOfType(Problem.class, () -> throttle.check("10.0.2.9", "key1"));
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.retryAfterSeconds()).isEqualTo(60);
    assertThatCode(() -> throttle.check("10.0.2.9", "key2")).doesNotThrowAnyException();
  }

  @Test
  void failuresOfAnEndedWindowDoNotCount() {
    throttle.failed("10.0.0.1", null);
    throttle.failed("10.0.0.1", null);
    now += MINUTE;
    throttle.failed("10.0.0.1", null);
    throttle.failed("10.0.0.1", null);
    assertThatCode(() -> throttle.check("10.0.0.1", null)).doesNotThrowAnyException();
  }
}
