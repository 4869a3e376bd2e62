package io.signet.support.broker;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * Where tenant-service's token broker is, and this service's API key there. Only services that call
 * Google (directory-sync, push) set the key.
 */
@ConfigMapping(prefix = "signet.tenant-service")
public interface TenantServiceClientConfig {

  /** Base URL of tenant-service's public API, where this service exchanges its API key. */
  @WithDefault("http://127.0.0.1:8081")
  String url();

  /**
   * Base URL of tenant-service's token broker: its own port ({@code signet.broker.port}), which
   * only Signet's services may reach.
   */
  @WithDefault("http://127.0.0.1:8091")
  String brokerUrl();

  /** This service's API key, exchanged for a service access token. */
  Optional<String> apiKey();
}
