package io.signet.push.service;

import io.signet.google.GoogleError;
import io.signet.google.GoogleErrorCategory;
import io.signet.google.GoogleErrorClassifier;
import io.signet.support.broker.BrokerRefusal;
import java.time.Instant;
import java.util.List;

/**
 * What a failed push means for its target and its tenant.
 *
 * @param reason Google's reason (or the broker's), stable and short: shown in the status API,
 *     metrics and push results
 * @param detail the whole message
 * @param retryAfter when Google said to retry, or null
 */
public record PushFailure(Kind kind, String reason, String detail, Instant retryAfter) {

  /** The reasons that mean the whole tenant's delegation is broken. */
  public static final List<String> TENANT_REASONS =
      List.of("delegation-denied", "delegation-missing", "authError", "insufficientPermissions");

  /**
   * The reasons that mean Google refused one user's account (unknown, deleted, restricted,
   * disabled): that user's targets end FAILED and are tried again on the user's next directory
   * change, even when the signature is the same.
   */
  public static final List<String> SUBJECT_REASONS = List.of("subject-refused", "subject-unknown");

  /** The address is no sendAs of the user, and the tenant does not let Signet create it. */
  public static final String NO_SEND_AS = "no-send-as";

  /** What to do. */
  public enum Kind {
    /** Transient: retry with backoff. */
    RETRY,
    /** The project's quota: slow the project down, retry. */
    PROJECT_QUOTA,
    /**
     * The user's rate limit: every address of this user waits until Google's "Retry after" time;
     * the project's pace and the other users are not touched.
     */
    USER_QUOTA,
    /**
     * Google refused the token's assertion for its iat/exp: the clock of the host that signed it
     * (tenant-service) is off. Signet's own fault: retry with backoff, never FAILED, never a pause.
     */
    CLOCK_SKEW,
    /** This address cannot take this signature: FAILED until the content changes or a retry. */
    FAILED,
    /** The tenant's delegation is broken: FAILED, and the tenant's other pushes pause. */
    TENANT_BROKEN,
    /** The tenant is suspended: its pushes pause. */
    TENANT_SUSPENDED
  }

  /**
   * The address is no sendAs of the user in Gmail (a Directory alias receives mail but is no sendAs
   * until created), and the tenant does not let Signet create it.
   */
  public static PushFailure noSendAs(String address) {
    return new PushFailure(
        Kind.FAILED,
        NO_SEND_AS,
        "Gmail has no sendAs entry for "
            + address
            + ": the user cannot send as it, so it takes no signature (a tenant can let Signet"
            + " create alias sendAs entries: createAliasSendAs)",
        null);
  }

  /** Creating a missing sendAs needs gmail.settings.sharing, which the delegation lacks. */
  public static PushFailure sharingRefused(BrokerRefusal refusal) {
    return new PushFailure(
        Kind.FAILED,
        "send-as-create-denied",
        "creating the sendAs needs the scope https://www.googleapis.com/auth/gmail.settings.sharing"
            + " in the tenant's delegation: "
            + refusal.getMessage(),
        null);
  }

  /** Classifies a failed Gmail call made with brokered credentials. */
  public static PushFailure of(Throwable failure, BrokerRefusal lastRefusal) {
    BrokerRefusal refusal = lastRefusal != null ? lastRefusal : BrokerRefusal.in(failure);
    if (refusal != null) {
      return ofBroker(refusal);
    }
    GoogleError error = GoogleErrorClassifier.classify(failure);
    Kind kind =
        switch (error.category()) {
          case QUOTA -> Kind.PROJECT_QUOTA;
          case USER_QUOTA -> Kind.USER_QUOTA;
          case RETRYABLE -> Kind.RETRY;
          case CLOCK_SKEW -> Kind.CLOCK_SKEW;
          case AUTH -> Kind.TENANT_BROKEN;
          case PERMANENT, SUBJECT -> Kind.FAILED;
        };
    if (error.category() == GoogleErrorCategory.AUTH
        && error.httpStatus() == 403
        && "forbidden".equals(error.reason())) {
      // "Delegation denied for <user>": this address is not the user's own, the tenant is fine
      kind = Kind.FAILED;
    }
    return new PushFailure(kind, error.reason(), error.summary(), error.retryAfter().orElse(null));
  }

  private static PushFailure ofBroker(BrokerRefusal refusal) {
    String detail = "token broker: " + refusal.getMessage();
    Kind kind =
        switch (refusal.type()) {
          case "tenant-suspended" -> Kind.TENANT_SUSPENDED;
          case "delegation-denied", "delegation-missing" -> Kind.TENANT_BROKEN;
          // one user's account (deleted, unknown, restricted, disabled): that user's targets only
          case "subject-refused", "subject-unknown" -> Kind.FAILED;
          case "clock-skew" -> Kind.CLOCK_SKEW;
          default -> refusal.retryable() ? Kind.RETRY : Kind.FAILED;
        };
    return new PushFailure(kind, refusal.type(), detail, null);
  }
}
