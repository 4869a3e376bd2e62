package io.signet.google;

import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpResponseException;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Classifies any failure of a Google call — an API error envelope, a token endpoint refusal, or a
 * network failure — into a {@link GoogleError}. The single place where Google's error vocabulary is
 * interpreted.
 */
public final class GoogleErrorClassifier {

  private static final Set<String> QUOTA_REASONS =
      Set.of(
          "rateLimitExceeded",
          "userRateLimitExceeded",
          "quotaExceeded",
          "dailyLimitExceeded",
          "rateLimitExceededUnreg",
          "RATE_LIMIT_EXCEEDED");
  private static final Set<Integer> RETRYABLE_STATUSES = Set.of(408, 500, 502, 503, 504);
  private static final Pattern RETRY_AFTER = Pattern.compile("Retry after (\\S+)");
  private static final String UNKNOWN_SUBJECT = "Invalid email or User ID";

  private GoogleErrorClassifier() {}

  public static GoogleError classify(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof GoogleJsonResponseException api) {
        return apiError(api);
      }
      if (cause instanceof HttpResponseException token) {
        return tokenEndpointError(token);
      }
    }
    if (failure instanceof IOException) {
      return new GoogleError(
          GoogleErrorCategory.RETRYABLE, 0, "io", describe(failure), false, Optional.empty());
    }
    return new GoogleError(
        GoogleErrorCategory.PERMANENT, 0, "unexpected", describe(failure), false, Optional.empty());
  }

  private static GoogleError apiError(GoogleJsonResponseException e) {
    int status = e.getStatusCode();
    GoogleJsonError details = e.getDetails();
    String reason = firstReason(details).orElse(e.getStatusMessage());
    String message = details != null ? details.getMessage() : e.getStatusMessage();
    GoogleErrorCategory category;
    if (status == 429 || (status == 403 && QUOTA_REASONS.contains(reason))) {
      category = GoogleErrorCategory.QUOTA;
    } else if (status == 401 || status == 403) {
      category = GoogleErrorCategory.AUTH;
    } else if (RETRYABLE_STATUSES.contains(status)) {
      category = GoogleErrorCategory.RETRYABLE;
    } else {
      category = GoogleErrorCategory.PERMANENT;
    }
    return new GoogleError(category, status, reason, message, false, retryAfter(message));
  }

  /** The token endpoint answers OAuth errors: {@code {"error":…,"error_description":…}}. */
  private static GoogleError tokenEndpointError(HttpResponseException e) {
    int status = e.getStatusCode();
    String error = "token_error";
    String description = e.getStatusMessage();
    try {
      JsonObject body = JsonParser.parseString(e.getContent()).getAsJsonObject();
      error = body.has("error") ? body.get("error").getAsString() : error;
      description =
          body.has("error_description") ? body.get("error_description").getAsString() : description;
    } catch (RuntimeException notJson) {
      // keep the status line: a proxy or an outage answered instead of the token endpoint
    }
    GoogleErrorCategory category;
    if (status == 429 || status >= 500 || status == 408) {
      category = GoogleErrorCategory.RETRYABLE;
    } else if (UNKNOWN_SUBJECT.equals(description)) {
      // the user is gone, not the delegation: only this user's work stops
      category = GoogleErrorCategory.PERMANENT;
    } else {
      category = GoogleErrorCategory.AUTH;
    }
    return new GoogleError(category, status, error, description, true, Optional.empty());
  }

  private static Optional<String> firstReason(GoogleJsonError details) {
    if (details == null || details.getErrors() == null || details.getErrors().isEmpty()) {
      return Optional.empty();
    }
    return Optional.ofNullable(details.getErrors().get(0).getReason());
  }

  private static Optional<Instant> retryAfter(String message) {
    if (message == null) {
      return Optional.empty();
    }
    Matcher matcher = RETRY_AFTER.matcher(message);
    if (!matcher.find()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(matcher.group(1)));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static String describe(Throwable failure) {
    return failure.getClass().getSimpleName()
        + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
  }
}
