package io.signet.tenant.config;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;
import java.util.Optional;

/** Domain-wide delegation defaults. */
@ConfigMapping(prefix = "signet.delegation")
public interface DelegationConfig {

  /** The operator's shared service-account key JSON, imported at start when set. */
  Optional<Path> sharedKeyFile();
}
