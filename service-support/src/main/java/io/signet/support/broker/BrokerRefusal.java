package io.signet.support.broker;

import java.io.IOException;

/**
 * tenant-service's token broker refused a token: the delegation is denied, the user unknown, the
 * tenant suspended, or Google unavailable. An {@link IOException}, so it surfaces from the Google
 * client call that needed the token.
 *
 * @see <a href="../../../../../../../../tenant-service/README.md">the broker's problem types</a>
 */
public class BrokerRefusal extends IOException {

  private final int status;
  private final String type;

  public BrokerRefusal(int status, String type, String detail) {
    super(detail);
    this.status = status;
    this.type = type;
  }

  public int status() {
    return status;
  }

  /** The problem type slug, e.g. {@code delegation-denied}. */
  public String type() {
    return type;
  }

  /**
   * The broker's refusal behind a failed Google call: the failure itself, or — when the client got
   * a 401, tried to refresh and the refresh failed — attached to the 401 as a suppressed exception.
   *
   * @return the refusal, or null when the broker did not refuse
   */
  public static BrokerRefusal in(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof BrokerRefusal refusal) {
        return refusal;
      }
      for (Throwable suppressed : cause.getSuppressed()) {
        if (suppressed instanceof BrokerRefusal refusal) {
          return refusal;
        }
      }
    }
    return null;
  }

  /** Whether waiting and retrying can help (Google or tenant-service unavailable). */
  public boolean retryable() {
    return status >= 500 || status == 429 || status == 0;
  }
}
