package io.signet.tenant.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Credentials and the access tokens issued against them. */
@ConfigMapping(prefix = "signet.auth")
public interface AuthConfig {

  /** The operator's API key: exchanged for operator tokens. */
  Optional<String> operatorKey();

  /** API keys of Signet's own services by service name: exchanged for service tokens. */
  Map<String, String> serviceKeys();

  /** How long an issued access token is valid. */
  @WithDefault("PT15M")
  Duration tokenTtl();

  /** The {@code iss} of issued tokens; every service verifies it. */
  @WithDefault("signet")
  String issuer();
}
