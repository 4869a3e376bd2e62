package io.signet.directory.service;

import java.util.Optional;

/**
 * Decides whether a full sync's tombstones may be emitted or the run is held for an operator: a
 * page Google answered without users means the read is incomplete, and a sync that would tombstone
 * more than a share of the tenant is more likely a broken read than a real mass departure.
 *
 * @param deleteShare the share of known users (0 to 1) a sync may tombstone
 * @param minUsers tombstones below this count are never held by the share rule
 */
public record DeletionGuard(double deleteShare, int minUsers) {

  public DeletionGuard {
    if (deleteShare < 0 || deleteShare > 1 || minUsers < 0) {
      throw new IllegalArgumentException(
          "signet.directory.hold.delete-share is 0 to 1 and hold.min-users at least 0");
    }
  }

  /**
   * Whether a users.list page without users is a hole in the read rather than an empty directory:
   * mid-paging it always is; as the only page it is when Signet knew users (the admin Signet reads
   * as is always one of them, so Google never truly answers an empty directory).
   */
  public static boolean missingUsers(
      boolean pageHasUsers, boolean morePages, int pageNumber, long knownBefore) {
    return !pageHasUsers && (morePages || pageNumber > 1 || knownBefore > 0);
  }

  /**
   * Why the run is held, or empty when its tombstones may go out.
   *
   * @param emptyPage the first page (1-based) that came back without users, or null
   * @param tombstones users known before the run that it did not see
   * @param knownBefore the tenant's users Signet knew when the run started
   */
  public Optional<String> holdReason(Integer emptyPage, long tombstones, long knownBefore) {
    if (emptyPage != null) {
      return Optional.of(
          "missing-page: users.list page "
              + emptyPage
              + " answered 200 without users, so the read is incomplete; "
              + tombstones
              + " user(s) not seen were not tombstoned");
    }
    if (tombstones >= minUsers && tombstones > deleteShare * knownBefore) {
      long percent = knownBefore == 0 ? 100 : Math.round(100.0 * tombstones / knownBefore);
      return Optional.of(
          "mass-delete: the sync would tombstone "
              + tombstones
              + " of "
              + knownBefore
              + " known users ("
              + percent
              + " %), more than the "
              + Math.round(deleteShare * 100)
              + " % allowed");
    }
    return Optional.empty();
  }

  /** The short reason for metrics: {@code missing-page} or {@code mass-delete}. */
  public static String kind(String reason) {
    return reason.substring(0, reason.indexOf(':'));
  }
}
