package io.signet.events;

/** A record its consumer cannot process, with the reason; the message names no user data. */
public class InvalidRecordException extends RuntimeException {

  private final DeadLetterReason reason;

  public InvalidRecordException(DeadLetterReason reason, String detail) {
    super(detail);
    this.reason = reason;
  }

  public DeadLetterReason reason() {
    return reason;
  }
}
