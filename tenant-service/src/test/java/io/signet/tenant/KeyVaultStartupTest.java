package io.signet.tenant;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.tenant.config.VaultConfig;
import io.signet.tenant.service.KeyVault;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The vault refuses to start without a usable master key. */
class KeyVaultStartupTest {

  @Test
  void noActiveMasterKeyRefusesToStart() {
    assertThatThrownBy(() -> new KeyVault(config(null, Map.of()), null))
        .hasMessageContaining("will not start without a master key");
  }

  @Test
  void anActiveIdWithoutItsKeyRefusesToStart() {
    assertThatThrownBy(() -> new KeyVault(config("k2", Map.of("k1", key32())), null))
        .hasMessageContaining("no key with the active id 'k2'");
  }

  @Test
  void aShortKeyRefusesToStart() {
    assertThatThrownBy(() -> new KeyVault(config("k1", Map.of("k1", "c2hvcnQ=")), null))
        .hasMessageContaining("must be 32 bytes");
  }

  private static String key32() {
    return java.util.Base64.getEncoder().encodeToString(new byte[32]);
  }

  private static VaultConfig config(String active, Map<String, String> keys) {
    return new VaultConfig() {
      @Override
      public Optional<String> activeKeyId() {
        return Optional.ofNullable(active);
      }

      @Override
      public Map<String, String> masterKeys() {
        return keys;
      }
    };
  }
}
