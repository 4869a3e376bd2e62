package io.signet.deploy;

/** A reason the local stack cannot go on, said to the user as it is (no stack trace). */
final class StackException extends RuntimeException {

  StackException(String message) {
    super(message);
  }
}
