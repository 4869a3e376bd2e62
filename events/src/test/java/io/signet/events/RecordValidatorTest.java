package io.signet.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RecordValidatorTest {

  static java.util.stream.Stream<SignetEvent> samples() {
    return SampleEvents.all();
  }

  @ParameterizedTest
  @MethodSource("samples")
  void everySampleOnItsTopicWithItsKeyIsValid(SignetEvent event) {
    EventType type = EventType.of(event.getClass());

    assertThat(
            RecordValidator.validate(
                type, event.getClass(), keyOf(type, event), EventJson.write(event)))
        .isEqualTo(event);
  }

  @Test
  void aTombstoneWithAValidKeyIsNull() {
    assertThat(
            RecordValidator.validate(EventType.DIRECTORY_USER, DirectoryUser.class, "acme/1", null))
        .isNull();
  }

  @Test
  void notJson() {
    assertReason(EventType.TENANT_SNAPSHOT, "acme", "{not json", DeadLetterReason.NOT_JSON);
    assertReason(EventType.TENANT_SNAPSHOT, "acme", "42", DeadLetterReason.NOT_JSON);
  }

  @Test
  void schemaViolationNamesTheFieldButNotItsValue() throws Exception {
    DirectoryUser user = SampleEvents.userFull();
    ObjectNode json = (ObjectNode) EventJson.mapper().readTree(EventJson.write(user));
    json.put("primaryEmail", "secret-not-an-email");

    assertThatThrownBy(
            () ->
                RecordValidator.validate(
                    EventType.DIRECTORY_USER,
                    DirectoryUser.class,
                    keyOf(EventType.DIRECTORY_USER, user),
                    json.toString()))
        .isInstanceOfSatisfying(
            InvalidRecordException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(DeadLetterReason.SCHEMA_VIOLATION);
              assertThat(e.getMessage()).contains("primaryEmail").doesNotContain("secret");
            });
  }

  @Test
  void unknownSchemaVersion() throws Exception {
    TenantSnapshot tenant = SampleEvents.tenantFull();
    ObjectNode json = (ObjectNode) EventJson.mapper().readTree(EventJson.write(tenant));
    json.put("schemaVersion", 2);

    assertReason(
        EventType.TENANT_SNAPSHOT,
        tenant.tenantId(),
        json.toString(),
        DeadLetterReason.UNKNOWN_SCHEMA_VERSION);
  }

  @Test
  void missingAndMalformedKeys() {
    String user = EventJson.write(SampleEvents.userFull());
    assertReason(EventType.DIRECTORY_USER, null, user, DeadLetterReason.MISSING_KEY);
    assertReason(EventType.DIRECTORY_USER, "", null, DeadLetterReason.MISSING_KEY);
    assertReason(EventType.DIRECTORY_USER, "no-slash", user, DeadLetterReason.MALFORMED_KEY);
    assertReason(EventType.TENANT_SNAPSHOT, "a/b", null, DeadLetterReason.MALFORMED_KEY);
  }

  @Test
  void aKeyNamingAnotherUserOrTenantIsAMismatch() {
    DirectoryUser user = SampleEvents.userFull();
    assertReason(
        EventType.DIRECTORY_USER,
        Topics.userKey(user.tenantId(), "someone-else"),
        EventJson.write(user),
        DeadLetterReason.KEY_MISMATCH);
    assertReason(
        EventType.TENANT_SNAPSHOT,
        "other-tenant",
        EventJson.write(SampleEvents.tenantFull()),
        DeadLetterReason.KEY_MISMATCH);
  }

  @Test
  void reasonsAreLabelledWithHyphens() {
    assertThat(DeadLetterReason.UNKNOWN_SCHEMA_VERSION.label()).isEqualTo("unknown-schema-version");
    assertThat(DeadLetterReason.ofLabel("not-json")).isEqualTo(DeadLetterReason.NOT_JSON);
    assertThat(EventType.DIRECTORY_USER.deadLetterTopic()).isEqualTo("signet.directory-users.dlq");
  }

  private static void assertReason(
      EventType type, String key, String value, DeadLetterReason reason) {
    assertThatThrownBy(() -> RecordValidator.validate(type, type.recordType(), key, value))
        .isInstanceOfSatisfying(
            InvalidRecordException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }

  private static String keyOf(EventType type, SignetEvent event) {
    if (!type.keyedByUser()) {
      return event.tenantId();
    }
    try {
      String userId = EventJson.mapper().readTree(EventJson.write(event)).path("userId").asText();
      return Topics.userKey(event.tenantId(), userId);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
