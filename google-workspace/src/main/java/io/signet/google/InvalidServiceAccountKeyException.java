package io.signet.google;

/** A service-account key JSON that cannot be used to sign token requests. */
public class InvalidServiceAccountKeyException extends IllegalArgumentException {

  public InvalidServiceAccountKeyException(String message, Throwable cause) {
    super(message, cause);
  }
}
