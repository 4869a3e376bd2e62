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

  /** Base URL of tenant-service. */
  @WithDefault("http://127.0.0.1:8081")
  String url();

  /** This service's API key, exchanged for a service access token. */
  Optional<String> apiKey();
}
