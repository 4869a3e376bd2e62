package io.signet.support;

/**
 * A refusal to show the caller as RFC 9457 problem details: a stable {@code type} slug, a status, a
 * human {@code detail} and, for validation, the field at fault.
 */
public class Problem extends RuntimeException {

  private final int status;
  private final String type;
  private final String title;
  private final String field;
  private final long retryAfterSeconds;

  public Problem(int status, String type, String title, String detail, String field) {
    this(status, type, title, detail, field, 0);
  }

  private Problem(
      int status, String type, String title, String detail, String field, long retryAfterSeconds) {
    super(detail, null, false, false);
    this.status = status;
    this.type = type;
    this.title = title;
    this.field = field;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public static Problem invalid(String field, String detail) {
    return new Problem(400, "invalid-request", "Invalid request", detail, field);
  }

  public static Problem notFound(String detail) {
    return new Problem(404, "not-found", "Not found", detail, null);
  }

  public static Problem conflict(String type, String detail) {
    return new Problem(409, type, "Conflict", detail, null);
  }

  public static Problem forbidden(String detail) {
    return new Problem(403, "forbidden", "Forbidden", detail, null);
  }

  public static Problem unauthorized(String detail) {
    return new Problem(401, "unauthorized", "Unauthorized", detail, null);
  }

  /** 429 with a {@code Retry-After} of {@code retryAfterSeconds} (at least 1). */
  public static Problem tooManyRequests(String type, String detail, long retryAfterSeconds) {
    return new Problem(
        429, type, "Too many requests", detail, null, Math.max(1, retryAfterSeconds));
  }

  public int status() {
    return status;
  }

  public String type() {
    return type;
  }

  public String title() {
    return title;
  }

  public String field() {
    return field;
  }

  /** Seconds the caller should wait before trying again ({@code Retry-After}), or 0. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
