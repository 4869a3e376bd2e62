package io.signet.tenant.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Credentials and the access tokens issued against them. */
@ConfigMapping(prefix = "signet.auth")
public interface AuthConfig {

  /**
   * The operator's API key: exchanged for operator tokens. At least 32 random characters, or the
   * service does not start.
   */
  Optional<String> operatorKey();

  /**
   * API keys of Signet's own services by service name: exchanged for service tokens. Each at least
   * 32 random characters, or the service does not start.
   */
  Map<String, String> serviceKeys();

  /**
   * The Google scopes the token broker mints for each service (by the name of its key in {@link
   * #serviceKeys()}), comma-separated: push-service the Gmail settings scopes, directory-sync the
   * Directory read scopes. A service without an entry gets no Google token.
   */
  Map<String, List<String>> serviceScopes();

  /** How long an issued access token is valid. */
  @WithDefault("PT15M")
  Duration tokenTtl();

  /** The {@code iss} of issued tokens; every service verifies it. */
  @WithDefault("signet")
  String issuer();

  /** Throttling of failed API key exchanges. */
  Throttle throttle();

  /** Failed exchanges allowed per source address and per tenant key id in each window. */
  interface Throttle {

    /**
     * Failures allowed in a window from one source address, and for one tenant key id; the next
     * exchange from there (or with that key) answers 429 until the window ends.
     */
    @WithDefault("10")
    int maxFailures();

    /** The window failures are counted in; Retry-After says when it ends. */
    @WithDefault("PT1M")
    Duration window();
  }
}
