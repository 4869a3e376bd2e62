package io.signet.events;

/**
 * Why a consumer could not process a record: the {@code dead-letter-reason} header of its dead
 * letter and the {@code reason} label of {@code signet_dead_letters_total}.
 */
public enum DeadLetterReason {
  /** The value is not a JSON object. */
  NOT_JSON,
  /** The value is JSON but does not follow its event's JSON Schema. */
  SCHEMA_VIOLATION,
  /** The value names a {@code schemaVersion} this consumer does not know. */
  UNKNOWN_SCHEMA_VERSION,
  /** The record has no key (or an empty one). */
  MISSING_KEY,
  /** The key is not in its topic's format ({@code tenantId/userId}, or a tenant id). */
  MALFORMED_KEY,
  /** The key is well formed but names another tenant or user than the payload. */
  KEY_MISMATCH,
  /** The record is valid, but processing it failed in a way a retry would not fix. */
  PROCESSING_FAILED;

  /** The label value: lower case with hyphens, e.g. {@code not-json}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  public static DeadLetterReason ofLabel(String label) {
    return valueOf(label.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
  }
}
