package io.signet.tenant.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The token broker's own HTTP server, apart from the public API port, so that network policies let
 * only Signet's services reach it.
 */
@ConfigMapping(prefix = "signet.broker")
public interface BrokerConfig {

  /** Its port; 0 picks a free one (tests). */
  @WithDefault("8091")
  int port();

  /** The interface it listens on. */
  @WithDefault("0.0.0.0")
  String host();
}
