package io.signet.directory;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * The service on a known port, with that port as its (plain http, local-only) webhook address, and
 * a refused users.watch tried again after 1 s, 2 s, 4 s…
 */
public class WebhookProfile implements QuarkusTestProfile {

  static final int PORT = freePort();

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "quarkus.http.test-port",
        String.valueOf(PORT),
        "signet.directory.webhook-base-url",
        "http://127.0.0.1:" + PORT,
        // the test's emulator accepts http (TestEmulator); real Google would not
        "signet.directory.webhook-allow-http",
        "true",
        "signet.directory.watch-retry-initial",
        "PT1S");
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
