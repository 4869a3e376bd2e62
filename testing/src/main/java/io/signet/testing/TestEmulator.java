package io.signet.testing;

import io.signet.emulator.WorkspaceEmulator;

/**
 * The workspace emulator of this test JVM, on a random port: started once, on first use, and
 * stopped when the JVM exits. It accepts {@code http://} watch addresses (Google does not), since
 * services under test listen on plain http.
 */
public final class TestEmulator {

  private static WorkspaceEmulator emulator;

  private TestEmulator() {}

  public static synchronized WorkspaceEmulator instance() {
    if (emulator == null) {
      emulator = WorkspaceEmulator.start(0);
      // services under test get http://127.0.0.1 webhook addresses, which Google would refuse
      emulator.controls().allowHttpWebhooks(true);
      WorkspaceEmulator started = emulator;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "emulator-stop"));
    }
    return emulator;
  }
}
