package io.signet.tenant;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/** Generates tenant-service's secrets at test time: operator key, a service key, a master key. */
public class TenantServiceSecretsResource implements QuarkusTestResourceLifecycleManager {

  static final String OPERATOR_KEY = random();
  static final String SERVICE_KEY = random();

  @Override
  public Map<String, String> start() {
    byte[] master = new byte[32];
    new SecureRandom().nextBytes(master);
    return Map.of(
        "signet.auth.operator-key",
        OPERATOR_KEY,
        "signet.auth.service-keys.push-service",
        SERVICE_KEY,
        "signet.vault.active-key-id",
        "test-1",
        "signet.vault.master-keys.test-1",
        Base64.getEncoder().encodeToString(master));
  }

  @Override
  public void stop() {}

  private static String random() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
