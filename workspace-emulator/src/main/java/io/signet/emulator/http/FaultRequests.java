package io.signet.emulator.http;

import java.util.List;

/** The admin API's documents for injecting latency and errors. */
public final class FaultRequests {

  private FaultRequests() {}

  /**
   * A uniformly distributed latency for one operation.
   *
   * @param operation an operation's API name, e.g. {@code sendAs.patch}
   */
  public record LatencyRequest(String operation, long minMillis, long maxMillis) {}

  /**
   * A share of an operation's calls answered with an error.
   *
   * @param rate 0 to 1
   * @param format {@code json} (Google's envelope, the default), {@code html} or {@code text}: the
   *     page a front end or proxy answers with when the API never saw the call
   */
  public record ErrorRateRequest(
      String operation, int status, String reason, double rate, String format) {

    public ErrorRateRequest(String operation, int status, String reason, double rate) {
      this(operation, status, reason, rate, null);
    }
  }

  /** Replaces every latency and error rate (a missing list clears it). */
  public record FaultsRequest(List<LatencyRequest> latency, List<ErrorRateRequest> errorRates) {}

  /**
   * The next {@code count} calls of {@code operation} ({@code *} for any) fail with Google's error
   * of that status and reason, after {@code after} calls that succeed (0 when absent); {@code
   * format} {@code html} or {@code text} answers a front end's or proxy's page instead of Google's
   * JSON envelope.
   */
  public record NextFailureRequest(
      String operation, int count, int status, String reason, Integer after, String format) {

    public NextFailureRequest(String operation, int count, int status, String reason) {
      this(operation, count, status, reason, null, null);
    }

    public NextFailureRequest(
        String operation, int count, int status, String reason, Integer after) {
      this(operation, count, status, reason, after, null);
    }
  }

  /**
   * After {@code after} users.list pages answered whole (0 when absent), the next {@code count}
   * pages answer 200 with {@code users} left out and {@code nextPageToken} kept, as Google now and
   * then does.
   */
  public record MissingUsersRequest(int count, Integer after) {}
}
