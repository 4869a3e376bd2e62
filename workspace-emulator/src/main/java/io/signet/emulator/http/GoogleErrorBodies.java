package io.signet.emulator.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Google's JSON error envelope, built the way the real APIs send it. */
final class GoogleErrorBodies {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private GoogleErrorBodies() {}

  static ObjectNode envelope(ApiException e) {
    ObjectNode error = JSON.objectNode();
    error.put("code", e.status());
    error.put("message", e.getMessage());
    ObjectNode item = error.putArray("errors").addObject();
    item.put("message", e.getMessage());
    item.put("domain", e.domain());
    item.put("reason", e.reason());
    if (e.status() == 401) {
      item.put("location", "Authorization");
      item.put("locationType", "header");
    }
    error.put("status", status(e));
    String message = e.getMessage() == null ? "" : e.getMessage();
    boolean userRate = message.startsWith("User-rate limit exceeded");
    boolean perUserMetric = message.startsWith("Quota exceeded for quota metric");
    if ((e.status() == 429 && !userRate) || perUserMetric) {
      ObjectNode info = error.putArray("details").addObject();
      info.put("@type", "type.googleapis.com/google.rpc.ErrorInfo");
      info.put("reason", "RATE_LIMIT_EXCEEDED");
      info.put("domain", "googleapis.com");
      ObjectNode metadata = info.putObject("metadata");
      if (perUserMetric) {
        metadata.put("quota_metric", "gmail.googleapis.com/default");
        metadata.put("quota_limit", "QueriesPerMinutePerUser");
        metadata.put("service", "gmail.googleapis.com");
      } else {
        metadata.put("quota_limit", "DefaultPerMinutePerProject");
      }
    }
    ObjectNode body = JSON.objectNode();
    body.set("error", error);
    return body;
  }

  /** Google's canonical status string for a status code (and reason, for 400). */
  static String status(ApiException e) {
    return switch (e.status()) {
      case 400 ->
          "failedPrecondition".equals(e.reason()) ? "FAILED_PRECONDITION" : "INVALID_ARGUMENT";
      case 401 -> "UNAUTHENTICATED";
      case 403 -> "PERMISSION_DENIED";
      case 404 -> "NOT_FOUND";
      case 409 -> "ALREADY_EXISTS";
      case 429 -> "RESOURCE_EXHAUSTED";
      case 503 -> "UNAVAILABLE";
      case 504 -> "DEADLINE_EXCEEDED";
      default -> e.status() >= 500 ? "INTERNAL" : "INVALID_ARGUMENT";
    };
  }
}
