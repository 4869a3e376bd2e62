package io.signet.push.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** How push-service paces, retries and repairs its Gmail writes. */
@ConfigMapping(prefix = "signet.push")
public interface PushConfig {

  /** Gmail calls in flight at once: enough to fill the quota at Google's latencies. */
  @WithDefault("64")
  int workers();

  /**
   * Gmail quota units a minute of one Google Cloud project (shared by every tenant of its service
   * account, divided between this service's replicas). Google's default is 1,200,000.
   */
  @WithDefault("1200000")
  long projectUnitsPerMinute();

  /** Gmail quota units a minute of one user (Google's default 15,000). */
  @WithDefault("15000")
  long userUnitsPerMinute();

  /** Quota units of one sendAs write (patch is unlisted by Google: taken as update's 100). */
  @WithDefault("100")
  int writeCost();

  /** Quota units of one sendAs read. */
  @WithDefault("1")
  int readCost();

  /**
   * New content for an address pushed this recently (or being pushed) waits this long, so that
   * quick successive edits coalesce into one write.
   */
  @WithDefault("PT0.5S")
  Duration coalesceWindow();

  /** How long a replica holds the targets it claimed before another may take them. */
  @WithDefault("PT60S")
  Duration lease();

  /** The wait before the first retry of a transient failure; doubled each retry. */
  @WithDefault("PT1S")
  Duration backoffBase();

  /** The longest wait between retries (Google recommends 32 to 64 s). */
  @WithDefault("PT32S")
  Duration backoffCap();

  /**
   * Transient failures (5xx, timeouts) of one content before it ends FAILED. Quota errors never
   * count: they slow the pace instead.
   */
  @WithDefault("12")
  int maxAttempts();

  /** How often each applied signature is read back to find changes made outside Signet. */
  @WithDefault("PT24H")
  Duration driftInterval();

  /** How often the drift repair looks for signatures due a read-back. */
  @WithDefault("60s")
  String driftTick();

  /** Signatures read back per drift tick, at most. */
  @WithDefault("500")
  int driftBatch();

  /** How long push history (and its relayed results) is kept. */
  @WithDefault("P30D")
  Duration historyRetention();

  /** This replica's name among its peers; a random one when unset. */
  Optional<String> instanceId();
}
