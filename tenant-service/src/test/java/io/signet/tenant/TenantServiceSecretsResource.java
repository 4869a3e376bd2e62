package io.signet.tenant;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.signet.google.GoogleScopes;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * Generates tenant-service's secrets at test time: operator key, push-service's and
 * directory-sync's service keys (each with the Google scopes it may have), a master key.
 */
public class TenantServiceSecretsResource implements QuarkusTestResourceLifecycleManager {

  static final String OPERATOR_KEY = random();
  static final String SERVICE_KEY = random();
  static final String DIRECTORY_SERVICE_KEY = random();
  static final byte[] MASTER_KEY = new byte[32];

  static {
    new SecureRandom().nextBytes(MASTER_KEY);
  }

  @Override
  public Map<String, String> start() {
    return Map.of(
        "signet.auth.operator-key",
        OPERATOR_KEY,
        "signet.auth.service-keys.push-service",
        SERVICE_KEY,
        "signet.auth.service-scopes.push-service",
        GoogleScopes.GMAIL_SETTINGS_BASIC + "," + GoogleScopes.GMAIL_SETTINGS_SHARING,
        "signet.auth.service-keys.directory-sync",
        DIRECTORY_SERVICE_KEY,
        "signet.auth.service-scopes.directory-sync",
        GoogleScopes.DIRECTORY_USER_READONLY + "," + GoogleScopes.DIRECTORY_GROUP_READONLY,
        "signet.vault.active-key-id",
        "test-1",
        "signet.vault.master-keys.test-1",
        Base64.getEncoder().encodeToString(MASTER_KEY));
  }

  @Override
  public void stop() {}

  private static String random() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
