package io.signet.emulator.http;

import java.util.Locale;

/**
 * An error answered as Google's front ends and proxies do when the API never saw the call: an HTML
 * page or plain text instead of Google's JSON envelope (a 502 from the load balancer, a proxy's
 * 403).
 */
final class NonJsonAnswer extends ApiException {

  /** The body's kind, as a fault names it. */
  enum Format {
    HTML("text/html; charset=UTF-8"),
    TEXT("text/plain; charset=UTF-8");

    final String contentType;

    Format(String contentType) {
      this.contentType = contentType;
    }

    /** {@code json} (or none) is Google's envelope: null here. */
    static Format of(String name) {
      if (name == null || name.isBlank() || name.equalsIgnoreCase("json")) {
        return null;
      }
      try {
        return valueOf(name.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("format is json, html or text: " + name);
      }
    }
  }

  private final Format format;

  NonJsonAnswer(int status, String reason, Format format) {
    super(status, reason, "non-JSON " + status);
    this.format = format;
  }

  String contentType() {
    return format.contentType;
  }

  /**
   * Google's own error page for 5xx (the "That's an error." page of its front ends), a generic
   * proxy page for other statuses, or one line of text.
   */
  String body() {
    int status = status();
    if (format == Format.TEXT) {
      return status == 429 ? "Request rate higher than configured." : status + " " + phrase(status);
    }
    if (status >= 500) {
      return "<!DOCTYPE html>\n<html lang=en>\n  <meta charset=utf-8>\n"
          + "  <title>Error "
          + status
          + " (Server Error)!!1</title>\n"
          + "  <p><b>"
          + status
          + ".</b> <ins>That’s an error.</ins>\n"
          + "  <p>The server encountered a temporary error and could not complete your request."
          + "<p>Please try again in 30 seconds.  <ins>That’s all we know.</ins>\n";
    }
    return "<html><head><title>"
        + status
        + " "
        + phrase(status)
        + "</title></head><body><h1>"
        + status
        + " "
        + phrase(status)
        + "</h1><p>The request was refused by the proxy.</p></body></html>\n";
  }

  private static String phrase(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 429 -> "Too Many Requests";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> "Error";
    };
  }
}
