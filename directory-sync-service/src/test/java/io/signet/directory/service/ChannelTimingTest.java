package io.signet.directory.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChannelTimingTest {

  private final ChannelTiming timing =
      new ChannelTiming(Duration.ofHours(1), Duration.ofSeconds(30), Duration.ofMinutes(5));
  private final Instant t0 = Instant.parse("2026-12-01T10:00:00Z");

  @Test
  void aLongChannelIsRenewedAnHourBeforeItExpires() {
    Instant expires = t0.plus(Duration.ofHours(6));
    assertThat(timing.renewDue(t0, expires, t0.plus(Duration.ofMinutes(299)))).isFalse();
    assertThat(timing.renewDue(t0, expires, t0.plus(Duration.ofMinutes(300)))).isTrue();
    assertThat(timing.renewDue(null, expires, t0.plus(Duration.ofMinutes(300)))).isTrue();
  }

  @Test
  void aChannelGrantedLessThanTheMarginIsRenewedAtHalfItsLife() {
    Instant expires = t0.plus(Duration.ofMinutes(40));
    assertThat(timing.renewDue(t0, expires, t0.plus(Duration.ofMinutes(19)))).isFalse();
    assertThat(timing.renewDue(t0, expires, t0.plus(Duration.ofMinutes(20)))).isTrue();
  }

  @Test
  void refusalsWaitTwiceAsLongEachTimeUpToTheMaximum() {
    assertThat(timing.retryWait(1)).isEqualTo(Duration.ofSeconds(30));
    assertThat(timing.retryWait(2)).isEqualTo(Duration.ofSeconds(60));
    assertThat(timing.retryWait(4)).isEqualTo(Duration.ofSeconds(240));
    assertThat(timing.retryWait(5)).isEqualTo(Duration.ofMinutes(5));
    assertThat(timing.retryWait(500)).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void asksGoogleForAtMostSixHours() {
    assertThat(ChannelTiming.requested(Duration.ofDays(2))).isEqualTo(Duration.ofHours(6));
    assertThat(ChannelTiming.requested(Duration.ofHours(2))).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void anHttpWebhookStopsTheServiceUnlessTheLocalFlagIsSet() {
    WatchChannels.checkWebhookAddress("https://signet.example.com", false);
    WatchChannels.checkWebhookAddress("http://127.0.0.1:8082", true);
    assertThatThrownBy(() -> WatchChannels.checkWebhookAddress("http://127.0.0.1:8082", false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("must be an https:// URL")
        .hasMessageContaining("signet.directory.webhook-allow-http=true");
    assertThatThrownBy(() -> WatchChannels.checkWebhookAddress("ftp://x", true))
        .isInstanceOf(IllegalStateException.class);
  }
}
