package io.signet.emulator.state;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What Google knows about accounts beyond the directory: when a user was deleted (the token
 * endpoint's wording changes with time), users Google restricted or disabled, service accounts
 * disabled or deleted in the Cloud project, and users held at their per-user rate limit.
 */
public final class AccountTroubles {

  /**
   * Google's standing of a user account, set by Google rather than the tenant's admin.
   *
   * <p>{@code RESTRICTED}: Google restricted the account (e.g. for abuse); {@code DISABLED}: Google
   * disabled it.
   */
  public enum Standing {
    GOOD,
    RESTRICTED,
    DISABLED
  }

  /**
   * Google's standing of a service account: {@code DISABLED} in IAM, or {@code DELETED} from the
   * project.
   */
  public enum ServiceAccountStanding {
    ACTIVE,
    DISABLED,
    DELETED
  }

  /** A user held at the per-user rate limit until {@code until}; {@code refused} counts calls. */
  public record UserLimit(Instant until, long refused) {}

  /**
   * Google restores a deleted user for 20 days ("Restore a recently deleted user", Admin Help); the
   * token endpoint says "The account has been deleted" about as long, then no longer knows the
   * address.
   */
  public static final Duration DEFAULT_DELETED_WINDOW = Duration.ofDays(20);

  private final Map<String, Instant> deletedAt = new ConcurrentHashMap<>();
  private final Map<String, Standing> standings = new ConcurrentHashMap<>();
  private final Map<String, ServiceAccountStanding> serviceAccounts = new ConcurrentHashMap<>();
  private final Map<String, Limit> limits = new ConcurrentHashMap<>();
  private volatile Duration deletedWindow = DEFAULT_DELETED_WINDOW;

  private record Limit(Instant until, AtomicLong refused) {}

  AccountTroubles() {}

  void deleted(EmulatedUser user, Instant at) {
    deletedAt.put(user.primaryEmail().toLowerCase(Locale.ROOT), at);
    user.aliases().forEach(alias -> deletedAt.put(alias.toLowerCase(Locale.ROOT), at));
    deletedAt.put(user.id(), at);
  }

  void undeleted(EmulatedUser user) {
    deletedAt.remove(user.primaryEmail().toLowerCase(Locale.ROOT));
    user.aliases().forEach(alias -> deletedAt.remove(alias.toLowerCase(Locale.ROOT)));
    deletedAt.remove(user.id());
  }

  /** When the user last known by this address or id was deleted, if one was. */
  public Optional<Instant> deletedAt(String subject) {
    return subject == null
        ? Optional.empty()
        : Optional.ofNullable(deletedAt.get(subject.toLowerCase(Locale.ROOT)))
            .or(() -> Optional.ofNullable(deletedAt.get(subject)));
  }

  /** How long after a deletion the token endpoint still says "The account has been deleted". */
  public Duration deletedWindow() {
    return deletedWindow;
  }

  public void setDeletedWindow(Duration window) {
    if (window.isNegative()) {
      throw AdminException.badRequest("the deleted-account window cannot be negative");
    }
    this.deletedWindow = window;
  }

  public Standing standing(EmulatedUser user) {
    return standings.getOrDefault(user.id(), Standing.GOOD);
  }

  void setStanding(EmulatedUser user, Standing standing) {
    if (standing == Standing.GOOD) {
      standings.remove(user.id());
    } else {
      standings.put(user.id(), standing);
    }
  }

  public ServiceAccountStanding standing(ServiceAccount account) {
    return serviceAccounts.getOrDefault(account.clientId(), ServiceAccountStanding.ACTIVE);
  }

  void setStanding(ServiceAccount account, ServiceAccountStanding standing) {
    serviceAccounts.put(account.clientId(), standing);
  }

  /** Holds the user at the per-user rate limit until {@code until}. */
  void limit(EmulatedUser user, Instant until) {
    limits.put(user.id(), new Limit(until, new AtomicLong()));
  }

  /**
   * Whether a call acting as the user is refused at {@code now} by a held limit; counts it if so.
   *
   * @return the instant to retry after, when refused
   */
  public Optional<Instant> refuseIfLimited(String userId, Instant now) {
    Limit limit = userId == null ? null : limits.get(userId);
    if (limit == null || !now.isBefore(limit.until())) {
      return Optional.empty();
    }
    limit.refused().incrementAndGet();
    return Optional.of(limit.until());
  }

  /** The user's held limit and the calls it refused, if one was set. */
  public Optional<UserLimit> limitOf(EmulatedUser user) {
    Limit limit = limits.get(user.id());
    return limit == null
        ? Optional.empty()
        : Optional.of(new UserLimit(limit.until(), limit.refused().get()));
  }

  void clear() {
    deletedAt.clear();
    standings.clear();
    serviceAccounts.clear();
    limits.clear();
    deletedWindow = DEFAULT_DELETED_WINDOW;
  }
}
