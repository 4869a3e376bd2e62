package io.signet.render.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The pool that runs whole-tenant re-renders, a batch of users at a time, tenants in turn. */
@ConfigMapping(prefix = "signet.render.rerender")
public interface RerenderConfig {

  /**
   * Threads rendering re-render batches (per replica). Each works on one tenant at a time, so this
   * many tenants progress together and the others wait at most one batch for their turn. 0 runs
   * none in this replica (the jobs stay queued for the others).
   */
  @WithDefault("2")
  int workers();

  /** Users per batch: the cursor advances, and tenants take turns, after each batch. */
  @WithDefault("500")
  int batchSize();

  /**
   * How often an idle worker looks for work it was not woken for: jobs another replica queued, or a
   * batch that failed (Kafka or the database away) and is tried again.
   */
  @WithDefault("1s")
  Duration idlePoll();
}
