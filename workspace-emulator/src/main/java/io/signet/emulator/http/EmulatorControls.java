package io.signet.emulator.http;

import java.time.Duration;
import java.util.Map;

/** What the admin API changes beyond the Workspace data: quotas, faults, statistics, reset. */
public interface EmulatorControls {

  Map<String, Object> stats();

  QuotaSettings quotas();

  void configureQuotas(QuotaSettings settings);

  void setFaults(FaultRequests.FaultsRequest faults);

  void failNext(FaultRequests.NextFailureRequest failure);

  /**
   * users.list pages answered 200 without their users: see {@link
   * FaultRequests.MissingUsersRequest}.
   */
  void missingUsers(FaultRequests.MissingUsersRequest request);

  void clearFaults();

  /**
   * The delays added to answers by injected latency since {@code after}, of one operation unless
   * null, oldest first.
   */
  java.util.List<InjectedLatencyLog.Entry> injectedLatency(
      java.time.Instant after, String operation, int limit);

  void setTokenLifetime(Duration lifetime);

  /** users.watch channel lifetimes and notification delay (Google's after a reset). */
  WatchSettings watchSettings();

  void configureWatch(WatchSettings settings);

  /**
   * Accept {@code http://} watch addresses, which Google refuses ({@code push.webhookUrlNotHttps}):
   * for a local stack only. A reset keeps it, as it is a start option ({@code
   * --allow-http-webhooks}).
   */
  void allowHttpWebhooks(boolean allow);

  /**
   * How far the token endpoint's clock runs ahead of the callers' (negative: behind), for the
   * iat/exp check alone: a host of Signet with a skewed clock, seen from Google.
   */
  void setTokenClockOffset(Duration offset);

  void reset();
}
