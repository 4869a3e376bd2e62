package io.signet.emulator.http;

/**
 * The quotas the emulator enforces, Google's real ones by default.
 *
 * @param gmailUnitsPerMinutePerProject Gmail quota units per minute for one Cloud project
 * @param gmailUnitsPerMinutePerUser Gmail quota units per minute for one user
 * @param directoryQueriesPerMinutePerUser Directory queries per minute per user per project
 */
public record QuotaSettings(
    boolean enabled,
    long gmailUnitsPerMinutePerProject,
    long gmailUnitsPerMinutePerUser,
    long directoryQueriesPerMinutePerUser) {

  public static final QuotaSettings GOOGLE = new QuotaSettings(true, 1_200_000, 15_000, 2_400);

  public static final QuotaSettings OFF = new QuotaSettings(false, 1, 1, 1);

  public QuotaSettings {
    if (gmailUnitsPerMinutePerProject < 1
        || gmailUnitsPerMinutePerUser < 1
        || directoryQueriesPerMinutePerUser < 1) {
      throw new IllegalArgumentException("every quota is at least 1 per minute");
    }
  }
}
