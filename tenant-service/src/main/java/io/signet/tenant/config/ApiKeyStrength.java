package io.signet.tenant.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Stops tenant-service at start when the operator key or a service key is too weak to face the
 * public token endpoint: shorter than {@value #MIN_LENGTH} characters, or with so few distinct
 * characters that it cannot be random (a placeholder such as {@code change-me} repeated). The
 * message names the property, never the value.
 */
@ApplicationScoped
public class ApiKeyStrength {

  /** 32 characters of base64 are 192 bits; of hex, 128. */
  public static final int MIN_LENGTH = 32;

  /**
   * 32 random hex characters hold 14 distinct ones on average and fewer than 8 almost never;
   * "change-me-change-me-change-me-xx" holds 10, so a repeated word is also caught by its length or
   * by {@link #PLACEHOLDERS}.
   */
  static final int MIN_DISTINCT = 8;

  private static final List<String> PLACEHOLDERS =
      List.of("change", "example", "secret", "password");

  private final AuthConfig config;

  public ApiKeyStrength(AuthConfig config) {
    this.config = config;
  }

  void check(@Observes StartupEvent event) {
    List<String> weak = weak(config.operatorKey().orElse(null), config.serviceKeys());
    if (!weak.isEmpty()) {
      throw new IllegalStateException(
          "tenant-service will not start: "
              + String.join(", ", weak)
              + " must be at least "
              + MIN_LENGTH
              + " random characters (e.g. openssl rand -base64 24)");
    }
  }

  /** The properties whose key is weak; an unset operator key is not one. */
  public static List<String> weak(String operatorKey, Map<String, String> serviceKeys) {
    List<String> weak = new ArrayList<>();
    if (operatorKey != null && !strong(operatorKey)) {
      weak.add("signet.auth.operator-key");
    }
    serviceKeys.forEach(
        (name, key) -> {
          if (!strong(key)) {
            weak.add("signet.auth.service-keys." + name);
          }
        });
    weak.sort(null);
    return weak;
  }

  static boolean strong(String key) {
    String lower = key.toLowerCase(java.util.Locale.ROOT);
    return key.length() >= MIN_LENGTH
        && key.chars().distinct().count() >= MIN_DISTINCT
        && PLACEHOLDERS.stream().noneMatch(lower::contains);
  }
}
