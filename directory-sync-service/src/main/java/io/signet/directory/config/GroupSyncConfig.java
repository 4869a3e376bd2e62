package io.signet.directory.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How group changes reach users. Google's users.watch does not fire on membership changes, so each
 * tenant's groups are re-read on an interval and the difference re-emits the users it affects.
 */
@ConfigMapping(prefix = "signet.directory.groups")
public interface GroupSyncConfig {

  /**
   * How often each active tenant's groups are read again; a membership change reaches the affected
   * users' events within about this interval (plus the read itself).
   */
  @WithDefault("PT4M")
  Duration reconcileInterval();

  /** How often tenants due for a group reconciliation are looked for. */
  @WithDefault("15s")
  String reconcileCheck();

  /** Tenants whose groups are reconciled at once. */
  @WithDefault("2")
  int concurrentReconciliations();

  /**
   * Directory queries a minute one tenant's group reads may make (groups.list, members.list and the
   * users.get of affected users). Google allows 2,400 a minute per user per project, shared with
   * the tenant's user syncs; a read that needs more queries takes longer instead.
   */
  @WithDefault("1200")
  int maxQueriesPerMinute();

  /**
   * At most this many affected users are read one by one (users.get) after a change; above it a
   * full sync reads them 500 a page instead.
   */
  @WithDefault("200")
  int maxUserReads();
}
