package io.signet.directory.service;

/** A Google (or token broker) call that failed for good: the run fails with this reason. */
public class GoogleCallFailed extends RuntimeException {

  private final String reason;

  /**
   * @param reason a short, stable reason for metrics ({@code delegation}, {@code quota}, …)
   * @param detail what Google or the broker said
   */
  public GoogleCallFailed(String reason, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
