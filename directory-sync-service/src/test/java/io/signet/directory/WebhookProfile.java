package io.signet.directory;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/** The service on a known port, with that port as its public webhook address. */
public class WebhookProfile implements QuarkusTestProfile {

  static final int PORT = freePort();

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "quarkus.http.test-port",
        String.valueOf(PORT),
        "signet.directory.webhook-base-url",
        "http://127.0.0.1:" + PORT);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
