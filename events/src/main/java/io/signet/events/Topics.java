package io.signet.events;

/** Kafka topic names and the record key format, defined once for every service. */
public final class Topics {

  /** {@link TenantSnapshot} keyed by tenant id; compacted. */
  public static final String TENANTS = "signet.tenants";

  /** {@link DirectoryUser} keyed by {@code tenantId/userId}; compacted. */
  public static final String DIRECTORY_USERS = "signet.directory-users";

  /** {@link SignatureRendered} keyed by {@code tenantId/userId}; compacted. */
  public static final String SIGNATURES = "signet.signatures";

  /** {@link SendAsSnapshot} keyed by {@code tenantId/userId}; compacted. */
  public static final String SEND_AS = "signet.send-as";

  /** {@link SignaturePushed} keyed by {@code tenantId/userId}; deleted after 7 days. */
  public static final String PUSH_RESULTS = "signet.push-results";

  /**
   * What a topic's dead-letter topic adds to its name ({@link EventType#deadLetterTopic}): {@code
   * signet.directory-users.dlq} holds the directory-users records a consumer could not process.
   */
  public static final String DEAD_LETTER_SUFFIX = ".dlq";

  private static final char KEY_SEPARATOR = '/';

  private Topics() {}

  /** The key of a per-user record: {@code tenantId/userId}, so one user's events stay ordered. */
  public static String userKey(String tenantId, String userId) {
    requireKeyPart(tenantId, "tenantId");
    requireKeyPart(userId, "userId");
    return tenantId + KEY_SEPARATOR + userId;
  }

  /** Splits a key made by {@link #userKey}. */
  public static UserKey parseUserKey(String key) {
    int at = key == null ? -1 : key.indexOf(KEY_SEPARATOR);
    if (at <= 0 || at == key.length() - 1 || key.indexOf(KEY_SEPARATOR, at + 1) >= 0) {
      throw new IllegalArgumentException("not a tenantId/userId key: " + key);
    }
    return new UserKey(key.substring(0, at), key.substring(at + 1));
  }

  private static void requireKeyPart(String part, String name) {
    if (part == null || part.isEmpty() || part.indexOf(KEY_SEPARATOR) >= 0) {
      throw new IllegalArgumentException(name + " must be non-empty and contain no '/': " + part);
    }
  }

  /** The two parts of a per-user record key. */
  public record UserKey(String tenantId, String userId) {}
}
