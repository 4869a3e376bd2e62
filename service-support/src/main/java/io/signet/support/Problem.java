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

  public Problem(int status, String type, String title, String detail, String field) {
    super(detail, null, false, false);
    this.status = status;
    this.type = type;
    this.title = title;
    this.field = field;
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
}
