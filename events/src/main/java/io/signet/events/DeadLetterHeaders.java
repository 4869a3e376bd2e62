package io.signet.events;

/**
 * The headers of a record on a dead-letter topic ({@link EventType#deadLetterTopic}), besides the
 * source record's own: why it is there, where it came from, and which service put it there.
 */
public final class DeadLetterHeaders {

  /** A {@link DeadLetterReason#label}, e.g. {@code schema-violation}. */
  public static final String REASON = "dead-letter-reason";

  /** What failed, in words that name no user data (a field, an exception class). */
  public static final String DETAIL = "dead-letter-detail";

  /** The topic the record was read from. */
  public static final String TOPIC = "dead-letter-topic";

  /** The source partition, as a decimal string. */
  public static final String PARTITION = "dead-letter-partition";

  /** The source offset, as a decimal string. */
  public static final String OFFSET = "dead-letter-offset";

  /** The service that could not process it ({@code quarkus.application.name}). */
  public static final String SERVICE = "dead-letter-service";

  private DeadLetterHeaders() {}
}
