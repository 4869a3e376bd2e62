package io.signet.tenant.config;

import io.smallrye.config.ConfigMapping;
import java.util.Map;
import java.util.Optional;

/** The key vault's master keys (AES-256, base64) by key id. */
@ConfigMapping(prefix = "signet.vault")
public interface VaultConfig {

  /** The id of the master key new secrets are encrypted with. Required. */
  Optional<String> activeKeyId();

  /** Every master key that may still decrypt stored secrets, by id. */
  Map<String, String> masterKeys();
}
