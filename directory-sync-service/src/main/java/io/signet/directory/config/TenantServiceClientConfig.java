package io.signet.directory.config;

import io.smallrye.config.ConfigMapping;

/** Where tenant-service's token broker is, and this service's API key there. */
@ConfigMapping(prefix = "signet.tenant-service")
public interface TenantServiceClientConfig {

  /** Base URL of tenant-service. */
  String url();

  /** This service's API key, exchanged for a service access token. */
  String apiKey();
}
