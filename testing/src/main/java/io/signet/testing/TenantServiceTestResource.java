package io.signet.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.signet.google.GoogleScopes;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * Runs the real tenant-service (one process per test JVM) against this JVM's Kafka broker,
 * PostgreSQL, workspace emulator and token keys, and gives the application under test its URL and a
 * service API key ({@code signet.tenant-service.url}, {@code signet.tenant-service.api-key}). Tests
 * onboard tenants through its API with {@link #operatorKey()}.
 */
public class TenantServiceTestResource implements QuarkusTestResourceLifecycleManager {

  private static final String OPERATOR_KEY = randomKey();
  private static final String SERVICE_KEY = randomKey();
  private static ServiceProcess process;
  private static int brokerPort;

  @Override
  public Map<String, String> start() {
    return clientConfig();
  }

  /**
   * How a service reaches the running tenant-service: its public API, its token broker (on a port
   * of its own) and the service key, for a test application or a service started as a process.
   */
  public static Map<String, String> clientConfig() {
    return Map.of(
        "signet.tenant-service.url",
        instance().baseUrl(),
        "signet.tenant-service.broker-url",
        "http://127.0.0.1:" + brokerPort,
        "signet.tenant-service.api-key",
        SERVICE_KEY);
  }

  @Override
  public void stop() {
    // The process is shared by every test application of this JVM and stops with it.
  }

  /** The running tenant-service, started on first use. */
  public static synchronized ServiceProcess instance() {
    if (process == null) {
      byte[] masterKey = new byte[32];
      new SecureRandom().nextBytes(masterKey);
      Map<String, String> config =
          ServiceProcess.testEnvironment(TestPostgres.server().createDatabase());
      config.put(
          "smallrye.jwt.sign.key.location", TestJwtKeys.instance().privateKeyFile().toString());
      config.put("signet.vault.active-key-id", "test");
      config.put("signet.vault.master-keys.test", Base64.getEncoder().encodeToString(masterKey));
      config.put("signet.auth.operator-key", OPERATOR_KEY);
      config.put("signet.auth.service-keys.tests", SERVICE_KEY);
      brokerPort = freePort();
      config.put("signet.broker.port", Integer.toString(brokerPort));
      config.put("signet.broker.host", "127.0.0.1");
      // one key stands for push-service and directory-sync alike: it may have both their scopes
      config.put(
          "signet.auth.service-scopes.tests",
          String.join(
              ",",
              GoogleScopes.GMAIL_SETTINGS_BASIC,
              GoogleScopes.GMAIL_SETTINGS_SHARING,
              GoogleScopes.DIRECTORY_USER_READONLY,
              GoogleScopes.DIRECTORY_GROUP_READONLY));
      process =
          ServiceProcess.start(
              "tenant-service",
              freePort(),
              config,
              Path.of("target", "tenant-service-process.log"));
    }
    return process;
  }

  /** The operator's API key of the test tenant-service. */
  public static String operatorKey() {
    return OPERATOR_KEY;
  }

  /** A service API key of the test tenant-service. */
  public static String serviceKey() {
    return SERVICE_KEY;
  }

  /** A port nothing listens on now. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String randomKey() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
