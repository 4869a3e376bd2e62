package io.signet.emulator;

import io.signet.emulator.http.EmulatorControls;
import io.signet.emulator.http.EmulatorServer;
import io.signet.emulator.state.WorkspaceState;
import io.signet.google.GoogleEndpoints;
import java.time.Clock;

/**
 * A faithful local Google Workspace on a real HTTP port: point Google's official Java clients at
 * {@link #endpoints()} and they get Google's answers. Start one per test JVM, or run {@link
 * WorkspaceEmulatorMain} standalone.
 */
public final class WorkspaceEmulator implements AutoCloseable {

  private final WorkspaceState state;
  private final EmulatorServer server;

  private WorkspaceEmulator(WorkspaceState state, EmulatorServer server) {
    this.state = state;
    this.server = server;
  }

  /** Starts on {@code port} (0 for a free one) on 127.0.0.1. */
  public static WorkspaceEmulator start(int port) {
    return start("127.0.0.1", port);
  }

  public static WorkspaceEmulator start(String host, int port) {
    return start(host, port, Clock.systemUTC());
  }

  /** Starts with its own clock: tests move it to expire assertions and tokens. */
  public static WorkspaceEmulator start(String host, int port, Clock clock) {
    WorkspaceState state = new WorkspaceState(clock);
    return new WorkspaceEmulator(state, EmulatorServer.start(state, host, port));
  }

  /** The base URL every API, the token endpoint and the admin API live under. */
  public String baseUrl() {
    return server.baseUrl();
  }

  public int port() {
    return server.port();
  }

  /** The endpoints to give {@code google-workspace}'s clients. */
  public GoogleEndpoints endpoints() {
    return GoogleEndpoints.at(baseUrl());
  }

  /** The emulated Workspace's data, for seeding and reading back from Java. */
  public WorkspaceState state() {
    return state;
  }

  /** Quotas, faults, statistics and reset: what the admin API controls besides the data. */
  public EmulatorControls controls() {
    return server;
  }

  @Override
  public void close() {
    server.close();
  }
}
