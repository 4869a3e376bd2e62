package io.signet.support.deadletter;

/** Where a dead letter stands. */
public enum DeadLetterStatus {
  /** Not processed yet: listed, and re-drivable. */
  OPEN,
  /** Re-driven and processed. */
  REDRIVEN,
  /** A newer record with the same key was processed (or dead-lettered) since: never applied. */
  SUPERSEDED
}
