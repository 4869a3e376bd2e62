package io.signet.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.runtime.StartupEvent;
import io.signet.tenant.config.ApiKeyStrength;
import io.signet.tenant.config.AuthConfig;
import java.lang.reflect.Proxy;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Operator and service keys too weak to face the token endpoint stop tenant-service at start. */
class ApiKeyStrengthTest {

  @Test
  void keysOf32RandomCharactersPass() {
    assertThat(
            ApiKeyStrength.weak(
                base64(24), Map.of("push", base64(24), "directory-sync", hex(16), "x", base64(32))))
        .isEmpty();
  }

  @Test
  void shortRepeatedAndPlaceholderKeysAreNamedNeverShown() {
    String shortKey = base64(23).substring(0, 31);
    assertThat(
            ApiKeyStrength.weak(
                shortKey,
                Map.of(
                    "push",
                    "a".repeat(40),
                    "directory-sync",
                    "change-me-change-me-change-me-change-me",
                    "render",
                    "abababababababababababababababab",
                    "good",
                    base64(24))))
        .containsExactly(
            "signet.auth.operator-key",
            "signet.auth.service-keys.directory-sync",
            "signet.auth.service-keys.push",
            "signet.auth.service-keys.render");
  }

  @Test
  void anUnsetOperatorKeyIsNotAWeakOne() {
    assertThat(ApiKeyStrength.weak(null, Map.of())).isEmpty();
  }

  @Test
  void aWeakKeyStopsTheStartWithThePropertyNotTheValue() {
    String weak = "change-me";
    ApiKeyStrength check = new ApiKeyStrength(config(weak, Map.of("push", base64(24))));
    assertThatThrownBy(() -> startup(check))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("signet.auth.operator-key")
        .hasMessageContaining("at least 32 random characters")
        .hasMessageNotContaining(weak);
  }

  private static void startup(ApiKeyStrength check) throws Exception {
    var method = ApiKeyStrength.class.getDeclaredMethod("check", StartupEvent.class);
    method.setAccessible(true);
    try {
      method.invoke(check, new StartupEvent());
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw (Exception) e.getCause();
    }
  }

  private static AuthConfig config(String operatorKey, Map<String, String> serviceKeys) {
    return (AuthConfig)
        Proxy.newProxyInstance(
            AuthConfig.class.getClassLoader(),
            new Class<?>[] {AuthConfig.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "operatorKey" -> Optional.ofNullable(operatorKey);
                  case "serviceKeys" -> serviceKeys;
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  private static String base64(int bytes) {
    byte[] value = new byte[bytes];
    new SecureRandom().nextBytes(value);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
  }

  private static String hex(int bytes) {
    byte[] value = new byte[bytes];
    new SecureRandom().nextBytes(value);
    return HexFormat.of().formatHex(value);
  }
}
