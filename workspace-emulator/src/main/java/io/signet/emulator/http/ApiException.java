package io.signet.emulator.http;

/**
 * A Google API error to answer in Google's envelope.
 *
 * @see GoogleErrorBodies
 */
public class ApiException extends RuntimeException {

  private final int status;
  private final String reason;
  private final String domain;
  private final String wwwAuthenticate;

  public ApiException(int status, String reason, String message) {
    this(status, reason, message, "global", null);
  }

  public ApiException(
      int status, String reason, String message, String domain, String wwwAuthenticate) {
    super(message, null, false, false);
    this.status = status;
    this.reason = reason;
    this.domain = domain;
    this.wwwAuthenticate = wwwAuthenticate;
  }

  public int status() {
    return status;
  }

  public String reason() {
    return reason;
  }

  public String domain() {
    return domain;
  }

  /** The {@code WWW-Authenticate} header to send, or {@code null}. */
  public String wwwAuthenticate() {
    return wwwAuthenticate;
  }

  static ApiException notFound(String what) {
    return new ApiException(404, "notFound", "Resource Not Found: " + what);
  }

  static ApiException invalid(String message) {
    return new ApiException(400, "invalid", message);
  }

  /** The canonical error for an injected fault of this status and reason. */
  public static ApiException injected(int status, String reason) {
    return switch (reason) {
      case "rateLimitExceeded" ->
          status == 429
              ? new ApiException(
                  429, reason, "Resource has been exhausted (e.g. check quota).", "global", null)
              : new ApiException(403, reason, "Rate Limit Exceeded", "usageLimits", null);
      case "userRateLimitExceeded" ->
          new ApiException(status, reason, "User-rate limit exceeded.", "usageLimits", null);
      case "quotaExceeded" ->
          new ApiException(
              status,
              reason,
              "Quota exceeded for too many concurrent requests.",
              "usageLimits",
              null);
      case "backendError" ->
          new ApiException(status, reason, "The service is currently unavailable.");
      case "internalError" -> new ApiException(status, reason, "Internal error encountered.");
      default -> new ApiException(status, reason, "Injected fault: " + reason);
    };
  }
}
