package io.signet.events;

/** How a push of one signature to one sendAs address ended. */
public enum PushOutcome {
  /** Gmail now holds the desired signature. */
  APPLIED,
  /** Gmail already held it: nothing was written. */
  UNCHANGED,
  /** It could not be applied; {@code reason} says why. */
  FAILED
}
