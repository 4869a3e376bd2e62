package io.signet.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.signet.emulator.WorkspaceEmulator;
import io.signet.google.GoogleEndpoints;
import java.util.Map;

/**
 * Gives a Quarkus test application the workspace emulator, emptied for it, as its Google: the
 * {@code signet.google.*} endpoints point at the emulator. Tests seed it through {@link
 * TestEmulator#instance()} or its admin API at {@code signet.emulator.base-url}.
 */
public class WorkspaceEmulatorTestResource implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    WorkspaceEmulator emulator = TestEmulator.instance();
    emulator.controls().reset();
    GoogleEndpoints endpoints = emulator.endpoints();
    return Map.of(
        "signet.google.token-uri", endpoints.tokenUri().toString(),
        "signet.google.gmail-root-url", endpoints.gmailRootUrl(),
        "signet.google.directory-root-url", endpoints.directoryRootUrl(),
        "signet.emulator.base-url", emulator.baseUrl());
  }

  @Override
  public void stop() {
    // The emulator is shared by every test application of this JVM and stops with it.
  }
}
