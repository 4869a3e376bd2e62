package io.signet.emulator.http;

/**
 * How the emulator's users.watch channels behave, as the admin API sets them ({@code PUT
 * /emulator/v1/watch-settings}); a reset restores {@link #GOOGLE}.
 *
 * @param defaultChannelSeconds a channel's lifetime when the request names none: 2 h, the
 *     SubscriptionChannel reference's default
 * @param maxChannelSeconds the longest lifetime granted, whatever was asked: 6 h, the cap observed
 *     from the Directory API in production (firezone), shorter than the reference's 2 days
 * @param deliveryDelayMillis how long after a change its notification is sent (Google: seconds,
 *     undocumented); 0 sends at once
 */
public record WatchSettings(
    long defaultChannelSeconds, long maxChannelSeconds, long deliveryDelayMillis) {

  /** Google's values. */
  public static final WatchSettings GOOGLE = new WatchSettings(7_200, 21_600, 0);

  public WatchSettings {
    if (defaultChannelSeconds < 1
        || maxChannelSeconds < 1
        || defaultChannelSeconds > maxChannelSeconds
        || maxChannelSeconds > 2 * 24 * 3600
        || deliveryDelayMillis < 0
        || deliveryDelayMillis > 600_000) {
      throw new IllegalArgumentException(
          "watch settings need 1 <= defaultChannelSeconds <= maxChannelSeconds <= 172800 and"
              + " 0 <= deliveryDelayMillis <= 600000");
    }
  }
}
