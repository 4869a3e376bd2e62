package io.signet.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks a consumed record before anything acts on it: its key in its topic's format, its value
 * JSON that follows the event's JSON Schema at a known {@code schemaVersion}, and the key naming
 * the payload's own tenant (and user). A record that fails is refused with its {@link
 * DeadLetterReason}, never half-applied.
 */
public final class RecordValidator {

  private static final Map<EventType, Schema> SCHEMAS = new EnumMap<>(EventType.class);
  private static final Map<EventType, Integer> VERSIONS = new EnumMap<>(EventType.class);

  static {
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder ->
                builder.schemaRegistryConfig(
                    SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    for (EventType type : EventType.values()) {
      try (InputStream in = EventType.class.getResourceAsStream(type.schemaResource())) {
        byte[] bytes = in.readAllBytes();
        SCHEMAS.put(type, registry.getSchema(new java.io.ByteArrayInputStream(bytes)));
        // the schema's own "schemaVersion": {"const": n} is the one version this build reads
        VERSIONS.put(
            type, EventJson.mapper().readTree(bytes).at("/properties/schemaVersion/const").asInt());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + type.schemaResource(), e);
      }
    }
  }

  private RecordValidator() {}

  /**
   * The event a record carries, or {@code null} for a tombstone with a valid key.
   *
   * @throws InvalidRecordException when the record cannot be processed, with the reason
   */
  public static <T extends SignetEvent> T validate(
      EventType type, Class<T> recordType, String key, String value) {
    Topics.UserKey userKey = checkKey(type, key);
    if (value == null) {
      return null;
    }
    JsonNode json;
    try {
      json = EventJson.mapper().readTree(value);
    } catch (JsonProcessingException e) {
      throw new InvalidRecordException(DeadLetterReason.NOT_JSON, "the value is not JSON");
    }
    if (json == null || !json.isObject()) {
      throw new InvalidRecordException(DeadLetterReason.NOT_JSON, "the value is not a JSON object");
    }
    JsonNode version = json.get("schemaVersion");
    int known = VERSIONS.get(type);
    if (version != null && version.isIntegralNumber() && version.asInt() != known) {
      throw new InvalidRecordException(
          DeadLetterReason.UNKNOWN_SCHEMA_VERSION,
          "schemaVersion " + version.asLong() + " (this consumer reads " + known + ")");
    }
    List<Error> errors = SCHEMAS.get(type).validate(json);
    if (!errors.isEmpty()) {
      throw new InvalidRecordException(
          DeadLetterReason.SCHEMA_VIOLATION,
          errors.stream()
              .limit(3)
              .map(error -> error.getInstanceLocation() + " " + error.getKeyword())
              .collect(Collectors.joining("; ")));
    }
    String tenantId = json.path("tenantId").asText();
    boolean matches =
        userKey == null
            ? key.equals(tenantId)
            : userKey.tenantId().equals(tenantId)
                && userKey.userId().equals(json.path("userId").asText());
    if (!matches) {
      throw new InvalidRecordException(
          DeadLetterReason.KEY_MISMATCH, "the key does not name the payload's tenant and user");
    }
    try {
      return EventJson.mapper().treeToValue(json, recordType);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new InvalidRecordException(
          DeadLetterReason.SCHEMA_VIOLATION, "not a valid " + recordType.getSimpleName());
    }
  }

  /** The parsed user key, or {@code null} for a topic keyed by tenant id. */
  private static Topics.UserKey checkKey(EventType type, String key) {
    if (key == null || key.isEmpty()) {
      throw new InvalidRecordException(DeadLetterReason.MISSING_KEY, "the record has no key");
    }
    if (type.keyedByUser()) {
      try {
        return Topics.parseUserKey(key);
      } catch (IllegalArgumentException e) {
        throw new InvalidRecordException(
            DeadLetterReason.MALFORMED_KEY, "the key is not tenantId/userId");
      }
    }
    if (key.indexOf('/') >= 0 || key.isBlank()) {
      throw new InvalidRecordException(
          DeadLetterReason.MALFORMED_KEY, "the key is not a tenant id");
    }
    return null;
  }
}
