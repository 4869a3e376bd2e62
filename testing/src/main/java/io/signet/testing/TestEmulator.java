package io.signet.testing;

import io.signet.emulator.WorkspaceEmulator;

/**
 * The workspace emulator of this test JVM, on a random port: started once, on first use, and
 * stopped when the JVM exits.
 */
public final class TestEmulator {

  private static WorkspaceEmulator emulator;

  private TestEmulator() {}

  public static synchronized WorkspaceEmulator instance() {
    if (emulator == null) {
      emulator = WorkspaceEmulator.start(0);
      WorkspaceEmulator started = emulator;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "emulator-stop"));
    }
    return emulator;
  }
}
