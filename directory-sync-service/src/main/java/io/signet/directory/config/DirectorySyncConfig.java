package io.signet.directory.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** How directory-sync reads tenants' directories. */
@ConfigMapping(prefix = "signet.directory")
public interface DirectorySyncConfig {

  /**
   * The public base URL Google can POST watch notifications to; without it, only scheduled and
   * on-demand syncs run. Google delivers only to https addresses with a CA-signed certificate, so
   * anything else stops the service at start unless {@link #webhookAllowHttp()} is set.
   */
  Optional<String> webhookBaseUrl();

  /**
   * Local only: accept an {@code http://} webhook base URL, for a stack whose Google is the
   * workspace emulator (started with its own {@code --allow-http-webhooks}). Real Google refuses
   * such channels.
   */
  @WithDefault("false")
  boolean webhookAllowHttp();

  /** When a full sync is held instead of tombstoning users. */
  Hold hold();

  /** A full sync that would tombstone more than this is held for an operator. */
  interface Hold {

    /**
     * The share of the tenant's known users (0 to 1) a full sync may tombstone; more is held, when
     * it is also at least {@link #minUsers()} users.
     */
    @WithDefault("0.10")
    double deleteShare();

    /** Tombstones fewer than this are never held by the share rule (small tenants churn). */
    @WithDefault("50")
    int minUsers();
  }

  /** How watch notifications are read. */
  Notifications notifications();

  /**
   * Notifications are recorded (one row per user) and read by workers; a tenant whose waiting
   * notifications outgrow a full sync's cost gets a full sync instead.
   */
  interface Notifications {

    /** Users read at once from notifications, across tenants. */
    @WithDefault("4")
    int workers();

    /**
     * A tenant with more users waiting than this (and than {@link #fullSyncShare()} of its users)
     * is read by one full sync rather than user by user; its notifications wait meanwhile.
     */
    @WithDefault("100")
    int fullSyncAbove();

    /** The share of a tenant's users (0 to 1) that must be waiting, too, for a full sync. */
    @WithDefault("0.01")
    double fullSyncShare();

    /** A worker's hold on a user it reads; a crashed replica's users are read again after it. */
    @WithDefault("PT1M")
    Duration lease();

    /**
     * Reads of a user tried before the notification is left to the next full sync (each after
     * Google's own retries, then 2 s doubling to 5 minutes).
     */
    @WithDefault("8")
    int maxAttempts();
  }

  /** Full syncs running at once, across all tenants (one per tenant at most). */
  @WithDefault("4")
  int concurrentSyncs();

  /** Users per users.list page (Google's maximum is 500). */
  @WithDefault("500")
  int pageSize();

  /** Tries of one Google call on transient and quota errors before the run fails. */
  @WithDefault("6")
  int maxTries();

  /**
   * How long a watch channel is asked to live; more than Google's 6 h cap is asked as 6 h, and a
   * channel is renewed on what Google granted.
   */
  @WithDefault("PT6H")
  Duration channelTtl();

  /**
   * A channel is renewed when less than this remains (or less than half of the lifetime Google
   * granted it, when that is shorter).
   */
  @WithDefault("PT1H")
  Duration channelRenewBefore();

  /** The wait after a first refused users.watch; it doubles with each refusal in a row. */
  @WithDefault("PT30S")
  Duration watchRetryInitial();

  /** The longest wait between tries of a refused users.watch. */
  @WithDefault("PT1H")
  Duration watchRetryMax();

  /** How often tenants due for a scheduled sync are looked for. */
  @WithDefault("15s")
  String scheduleCheck();

  /** How often watch channels are checked for renewal. */
  @WithDefault("10s")
  String channelCheck();
}
