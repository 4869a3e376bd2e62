package io.signet.events;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/** Each event contract in one row: its record, topic, CloudEvents type and JSON Schema resource. */
public enum EventType {
  TENANT_SNAPSHOT(TenantSnapshot.class, Topics.TENANTS, "io.signet.tenant.snapshot.v1", null),
  DIRECTORY_USER(
      DirectoryUser.class, Topics.DIRECTORY_USERS, "io.signet.directory.user.changed.v1", null),
  SIGNATURE_RENDERED(
      SignatureRendered.class, Topics.SIGNATURES, "io.signet.render.signature.rendered.v1", null),
  SEND_AS_SNAPSHOT(
      SendAsSnapshot.class, Topics.SEND_AS, "io.signet.push.send-as.snapshot.v1", null),
  SIGNATURE_PUSHED(
      SignaturePushed.class,
      Topics.PUSH_RESULTS,
      "io.signet.push.signature.pushed.v1",
      Duration.ofDays(7));

  private final Class<? extends SignetEvent> recordType;
  private final String topic;
  private final String cloudEventType;
  private final Duration retention;

  /**
   * @param retention how long records are kept on a deleting topic; {@code null} for a compacted
   *     topic, which keeps the latest record per key
   */
  EventType(
      Class<? extends SignetEvent> recordType,
      String topic,
      String cloudEventType,
      Duration retention) {
    this.recordType = recordType;
    this.topic = topic;
    this.cloudEventType = cloudEventType;
    this.retention = retention;
  }

  /**
   * The topic a consumer moves this event's records to when it cannot process them: {@code
   * <topic>.dlq}, one per source topic, kept (not compacted) for {@link #DEAD_LETTER_RETENTION} so
   * every dead letter of a key stays readable.
   */
  public String deadLetterTopic() {
    return topic + Topics.DEAD_LETTER_SUFFIX;
  }

  /** How long dead letters stay on their topic: long enough to notice, fix and re-drive them. */
  public static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(28);

  /** The dead-letter topic's configuration. */
  public static Map<String, String> deadLetterTopicConfig() {
    return Map.of(
        "cleanup.policy",
        "delete",
        "retention.ms",
        String.valueOf(DEAD_LETTER_RETENTION.toMillis()));
  }

  /** Whether records are keyed by {@link Topics#userKey} (else by the tenant id alone). */
  public boolean keyedByUser() {
    return this != TENANT_SNAPSHOT;
  }

  /** The event whose records travel on a topic. */
  public static EventType ofTopic(String topic) {
    return Arrays.stream(values())
        .filter(type -> type.topic.equals(topic))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("not a Signet topic: " + topic));
  }

  /** Whether the topic is compacted (latest state per key) rather than time-limited. */
  public boolean compacted() {
    return retention == null;
  }

  /** The topic's {@code cleanup.policy} and {@code retention.ms}, as topic configuration. */
  public Map<String, String> topicConfig() {
    return compacted()
        ? Map.of("cleanup.policy", "compact")
        : Map.of("cleanup.policy", "delete", "retention.ms", String.valueOf(retention.toMillis()));
  }

  public Class<? extends SignetEvent> recordType() {
    return recordType;
  }

  public String topic() {
    return topic;
  }

  /** The value of the {@code ce_type} header on records of this event. */
  public String cloudEventType() {
    return cloudEventType;
  }

  /** Classpath location of the event's JSON Schema. */
  public String schemaResource() {
    return "/schemas/" + recordType.getSimpleName() + ".schema.json";
  }

  public static EventType of(Class<? extends SignetEvent> recordType) {
    return Arrays.stream(values())
        .filter(type -> type.recordType == recordType)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("not a Signet event: " + recordType));
  }

  public static EventType ofCloudEventType(String cloudEventType) {
    return Arrays.stream(values())
        .filter(type -> type.cloudEventType.equals(cloudEventType))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown ce_type: " + cloudEventType));
  }
}
