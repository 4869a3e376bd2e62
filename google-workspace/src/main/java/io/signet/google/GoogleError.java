package io.signet.google;

import java.time.Instant;
import java.util.Optional;

/**
 * A failed Google call, classified once.
 *
 * @param httpStatus the HTTP status, or 0 when no response came back
 * @param reason Google's machine-readable reason ({@code rateLimitExceeded}, {@code
 *     failedPrecondition}, {@code unauthorized_client}, …), or {@code io} for a network failure
 * @param message Google's human-readable message
 * @param fromTokenEndpoint whether the token endpoint refused, rather than the API itself
 * @param retryAfter when Google said to retry (per-user rate limits say it), if it did
 */
public record GoogleError(
    GoogleErrorCategory category,
    int httpStatus,
    String reason,
    String message,
    boolean fromTokenEndpoint,
    Optional<Instant> retryAfter) {

  /** A short line for status APIs and logs: {@code 403 rateLimitExceeded: message}. */
  public String summary() {
    String status = httpStatus == 0 ? "" : httpStatus + " ";
    return status + reason + (message == null || message.isBlank() ? "" : ": " + message);
  }
}
