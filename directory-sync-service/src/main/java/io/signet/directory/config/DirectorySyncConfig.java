package io.signet.directory.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** How directory-sync reads tenants' directories. */
@ConfigMapping(prefix = "signet.directory")
public interface DirectorySyncConfig {

  /**
   * The public base URL Google can POST watch notifications to (https in production); without it,
   * only scheduled and on-demand syncs run.
   */
  Optional<String> webhookBaseUrl();

  /** Full syncs running at once, across all tenants (one per tenant at most). */
  @WithDefault("4")
  int concurrentSyncs();

  /** Users per users.list page (Google's maximum is 500). */
  @WithDefault("500")
  int pageSize();

  /** Tries of one Google call on transient and quota errors before the run fails. */
  @WithDefault("6")
  int maxTries();

  /** How long a watch channel lives. */
  @WithDefault("PT6H")
  Duration channelTtl();

  /** A channel is renewed when less than this remains. */
  @WithDefault("PT1H")
  Duration channelRenewBefore();

  /** How often tenants due for a scheduled sync are looked for. */
  @WithDefault("15s")
  String scheduleCheck();

  /** How often watch channels are checked for renewal. */
  @WithDefault("10s")
  String channelCheck();
}
