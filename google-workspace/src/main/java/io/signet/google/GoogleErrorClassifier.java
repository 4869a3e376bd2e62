package io.signet.google;

import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpResponseException;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Classifies any failure of a Google call — an API error envelope, a token endpoint refusal, or a
 * network failure — into a {@link GoogleError}. The single place where Google's error vocabulary is
 * interpreted; the wordings and their sources are tabled in this module's README.
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

  /**
   * What the token endpoint says, by OAuth {@code error} and the start of {@code error_description}
   * (HTML entities decoded, as Google escapes the quotes of "sub"). First match wins; a refusal
   * matching no row is {@link GoogleErrorCategory#AUTH}, so an unknown wording stops the tenant for
   * a human to look rather than failing users one by one.
   */
  static final List<TokenWording> TOKEN_WORDINGS =
      List.of(
          new TokenWording(
              "invalid_grant", "Invalid email or User ID", GoogleErrorCategory.SUBJECT),
          new TokenWording(
              "invalid_grant", "The account has been deleted", GoogleErrorCategory.SUBJECT),
          new TokenWording("invalid_grant", "Not a valid email", GoogleErrorCategory.SUBJECT),
          new TokenWording(
              "invalid_request",
              "Invalid impersonation \"sub\" field",
              GoogleErrorCategory.SUBJECT),
          new TokenWording(
              "invalid_request",
              "Invalid impersonation prn email address",
              GoogleErrorCategory.SUBJECT),
          new TokenWording("invalid_account", "", GoogleErrorCategory.SUBJECT),
          new TokenWording("access_denied", "Account restricted", GoogleErrorCategory.SUBJECT),
          new TokenWording(
              "invalid_grant",
              "Invalid JWT: Token must be a short-lived token",
              GoogleErrorCategory.CLOCK_SKEW),
          new TokenWording("unauthorized_client", "", GoogleErrorCategory.AUTH),
          new TokenWording(
              "invalid_grant", "Invalid grant: account not found", GoogleErrorCategory.AUTH),
          new TokenWording("invalid_grant", "Robot is disabled", GoogleErrorCategory.AUTH),
          new TokenWording("invalid_grant", "Invalid JWT Signature", GoogleErrorCategory.AUTH),
          new TokenWording(
              "invalid_grant",
              "Invalid JWT: No valid verifier found for issuer",
              GoogleErrorCategory.AUTH));

  /** One row of the token endpoint's wording table. */
  record TokenWording(String error, String descriptionStart, GoogleErrorCategory category) {
    boolean matches(String error, String description) {
      return this.error.equals(error) && description.startsWith(descriptionStart);
    }
  }

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

  /** The category of a token endpoint refusal, by the wording table. */
  public static GoogleErrorCategory tokenCategory(int status, String error, String description) {
    if (status == 429 || status >= 500 || status == 408) {
      return GoogleErrorCategory.RETRYABLE;
    }
    String text = normalise(description);
    return TOKEN_WORDINGS.stream()
        .filter(row -> row.matches(error, text))
        .map(TokenWording::category)
        .findFirst()
        .orElse(GoogleErrorCategory.AUTH);
  }

  private static GoogleError apiError(GoogleJsonResponseException e) {
    int status = e.getStatusCode();
    GoogleJsonError details = e.getDetails();
    if (details == null) {
      // HTML or plain text from a front end or proxy (a 502 page, a proxy's 403): no Google error
      // came back, so nothing says the request, the user or the credentials are at fault
      return new GoogleError(
          GoogleErrorCategory.RETRYABLE,
          status,
          "nonJson",
          firstLine(e.getContent(), e.getStatusMessage()),
          false,
          Optional.empty());
    }
    String reason = firstReason(details).orElse(e.getStatusMessage());
    String message = details.getMessage();
    GoogleErrorCategory category;
    if (status == 429 || (status == 403 && QUOTA_REASONS.contains(reason))) {
      category =
          perUser(reason, message, e.getContent())
              ? GoogleErrorCategory.USER_QUOTA
              : GoogleErrorCategory.QUOTA;
    } else if (status == 401 || status == 403) {
      category = GoogleErrorCategory.AUTH;
    } else if (RETRYABLE_STATUSES.contains(status)) {
      category = GoogleErrorCategory.RETRYABLE;
    } else {
      category = GoogleErrorCategory.PERMANENT;
    }
    return new GoogleError(category, status, reason, message, false, retryAfter(message));
  }

  /**
   * A user's limit, not the project's: Google's per-user reason, its "User-rate limit exceeded"
   * message (also sent as 429 {@code rateLimitExceeded}), or a Cloud quota error naming a per-user
   * limit ("limit 'Queries per minute per user'", {@code quota_limit} "…PerUser…").
   */
  private static boolean perUser(String reason, String message, String content) {
    if ("userRateLimitExceeded".equals(reason)) {
      return true;
    }
    String text =
        ((message == null ? "" : message) + " " + (content == null ? "" : content))
            .toLowerCase(Locale.ROOT);
    return text.contains("user-rate limit")
        || text.contains("per user")
        || text.contains("peruser");
  }

  /** The token endpoint answers OAuth errors: {@code {"error":…,"error_description":…}}. */
  private static GoogleError tokenEndpointError(HttpResponseException e) {
    int status = e.getStatusCode();
    String error = null;
    String description = e.getStatusMessage();
    try {
      JsonElement parsed = JsonParser.parseString(e.getContent());
      if (parsed.isJsonObject()) {
        JsonObject body = parsed.getAsJsonObject();
        error = body.has("error") ? body.get("error").getAsString() : null;
        description =
            body.has("error_description")
                ? body.get("error_description").getAsString()
                : description;
      }
    } catch (RuntimeException notJson) {
      // keep the status line: a proxy or an outage answered instead of the token endpoint
    }
    if (error == null) {
      // no OAuth error: a front end or proxy answered (HTML, plain text), not Google's decision
      return new GoogleError(
          GoogleErrorCategory.RETRYABLE,
          status,
          "nonJson",
          firstLine(e.getContent(), description),
          true,
          Optional.empty());
    }
    return new GoogleError(
        tokenCategory(status, error, description),
        status,
        error,
        normalise(description),
        true,
        Optional.empty());
  }

  private static String normalise(String description) {
    return description == null ? "" : description.replace("&quot;", "\"").replace("&#39;", "'");
  }

  private static String firstLine(String content, String fallback) {
    if (content == null || content.isBlank()) {
      return fallback == null ? "" : fallback;
    }
    String text = content.replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").trim();
    return text.length() > 200 ? text.substring(0, 200) : text;
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
