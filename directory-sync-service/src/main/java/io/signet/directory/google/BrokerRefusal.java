package io.signet.directory.google;

import java.io.IOException;

/**
 * tenant-service's token broker refused a token: the delegation is denied, the user unknown, the
 * tenant suspended, or Google unavailable. An {@link IOException}, so it surfaces from the Google
 * client call that needed the token.
 *
 * @see <a href="../../../../../../../tenant-service/README.md">the broker's problem types</a>
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

  /** Whether waiting and retrying can help (Google or tenant-service unavailable). */
  public boolean retryable() {
    return status >= 500 || status == 429 || status == 0;
  }
}
