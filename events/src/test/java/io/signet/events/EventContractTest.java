package io.signet.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class EventContractTest {

  private static final Map<EventType, Schema> SCHEMAS = new EnumMap<>(EventType.class);

  @BeforeAll
  static void loadSchemas() throws IOException {
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder ->
                builder.schemaRegistryConfig(
                    SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    for (EventType type : EventType.values()) {
      try (InputStream in = EventType.class.getResourceAsStream(type.schemaResource())) {
        assertThat(in).as("schema %s", type.schemaResource()).isNotNull();
        SCHEMAS.put(type, registry.getSchema(in));
      }
    }
  }

  static Stream<SignetEvent> samples() {
    return SampleEvents.all();
  }

  @ParameterizedTest
  @MethodSource("samples")
  void sampleValidatesAgainstItsSchema(SignetEvent event) throws IOException {
    JsonNode json = EventJson.mapper().readTree(EventJson.write(event));

    assertThat(errors(event.getClass(), json)).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("samples")
  void roundTripGivesAnEqualEvent(SignetEvent event) {
    String json = EventJson.write(event);

    assertThat(EventJson.read(json, event.getClass())).isEqualTo(event);
  }

  @Test
  void unicodeAndRightToLeftTextSurviveUnescaped() {
    String json = EventJson.write(SampleEvents.userArabic());

    assertThat(json).contains("\"ليلى حداد\"").contains("\"/Sales/دبي\"");
  }

  @Test
  void emptyOptionalFieldsAreLeftOutAndReadBackAsEmpty() {
    DirectoryUser minimal = SampleEvents.userMinimal();
    String json = EventJson.write(minimal);

    assertThat(json).doesNotContain("title").doesNotContain("photoUrl");
    DirectoryUser read = EventJson.read(json, DirectoryUser.class);
    assertThat(read.aliases()).isEmpty();
    assertThat(read.customSchemas()).isEmpty();
    assertThat(read.name().fullName()).isNull();
  }

  @Test
  void instantsAreIsoStrings() throws IOException {
    JsonNode json = EventJson.mapper().readTree(EventJson.write(SampleEvents.pushApplied()));

    assertThat(json.get("occurredAt").asText()).isEqualTo("2026-11-27T10:15:30.123456Z");
  }

  @Test
  void unknownFieldsFromANewerProducerAreIgnored() throws IOException {
    ObjectNode json =
        (ObjectNode) EventJson.mapper().readTree(EventJson.write(SampleEvents.pushApplied()));
    json.put("addedInVersion2", "ignored");

    assertThat(EventJson.read(json.toString(), SignaturePushed.class))
        .isEqualTo(SampleEvents.pushApplied());
  }

  @Test
  void aTenantSnapshotWrittenBeforeCreateAliasSendAsExistedStillValidatesAndReadsAsOff()
      throws IOException {
    // A record from a producer that predates the field, as it sits on the compacted topic.
    ObjectNode json =
        (ObjectNode) EventJson.mapper().readTree(EventJson.write(SampleEvents.tenantFull()));
    json.remove("createAliasSendAs");

    assertThat(errors(TenantSnapshot.class, json)).isEmpty();
    TenantSnapshot read = EventJson.read(json.toString(), TenantSnapshot.class);
    assertThat(read.createAliasSendAs()).isFalse();
    assertThat(read.dwdClientId()).isEqualTo(SampleEvents.tenantFull().dwdClientId());
  }

  @Test
  void tenantSnapshotSchemaRefusesANonBooleanCreateAliasSendAs() throws IOException {
    ObjectNode json =
        (ObjectNode) EventJson.mapper().readTree(EventJson.write(SampleEvents.tenantFull()));
    assertThat(json.get("createAliasSendAs").asBoolean()).isTrue();
    json.put("createAliasSendAs", "yes");

    assertThat(errors(TenantSnapshot.class, json))
        .extracting(Error::toString)
        .anySatisfy(message -> assertThat(message).contains("createAliasSendAs"));
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void schemaRejectsAPayloadWithoutItsRequiredFields(EventType type) throws IOException {
    SignetEvent sample =
        SampleEvents.all().filter(e -> e.getClass() == type.recordType()).findFirst().orElseThrow();
    ObjectNode json = (ObjectNode) EventJson.mapper().readTree(EventJson.write(sample));
    json.remove("tenantId");
    json.put("schemaVersion", 99);

    assertThat(errors(type.recordType(), json))
        .extracting(Error::toString)
        .anySatisfy(message -> assertThat(message).contains("tenantId"))
        .anySatisfy(message -> assertThat(message).contains("/schemaVersion"));
  }

  @Test
  void schemaRejectsAMalformedEmailAndAnOverlongSignature() throws IOException {
    ObjectNode json =
        (ObjectNode) EventJson.mapper().readTree(EventJson.write(SampleEvents.signatureRendered()));
    ObjectNode target = (ObjectNode) json.get("targets").get(0);
    target.put("sendAsEmail", "not an email");
    target.put("html", "x".repeat(10_001));

    assertThat(errors(SignatureRendered.class, json)).hasSize(2);
  }

  @Test
  void recordsRefuseMissingRequiredFields() {
    assertThatThrownBy(
            () ->
                new SignaturePushed(
                    "id", null, 1, "t", "u", "a@b.example", PushOutcome.APPLIED, null, 1, 1, null))
        .hasMessageContaining("occurredAt");
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void everyEventTypeHasItsOwnTopicAndCloudEventType(EventType type) {
    assertThat(EventType.of(type.recordType())).isEqualTo(type);
    assertThat(EventType.ofCloudEventType(type.cloudEventType())).isEqualTo(type);
    assertThat(type.topic()).startsWith("signet.");
  }

  @Test
  void stateTopicsAreCompactedAndPushResultsKeptSevenDays() {
    assertThat(EventType.TENANT_SNAPSHOT.topicConfig()).containsEntry("cleanup.policy", "compact");
    assertThat(EventType.SIGNATURE_RENDERED.compacted()).isTrue();
    assertThat(EventType.SIGNATURE_PUSHED.topicConfig())
        .containsEntry("cleanup.policy", "delete")
        .containsEntry("retention.ms", "604800000");
  }

  @Test
  void cloudEventHeadersDescribeTheEvent() {
    Map<String, byte[]> headers =
        CloudEventHeaders.of(SampleEvents.signatureRendered(), "/signet/render-service");

    assertThat(new String(headers.get(CloudEventHeaders.TYPE)))
        .isEqualTo("io.signet.render.signature.rendered.v1");
    assertThat(new String(headers.get(CloudEventHeaders.ID))).isEqualTo("evt-s-1");
    assertThat(new String(headers.get(CloudEventHeaders.TIME)))
        .isEqualTo("2026-11-27T10:15:30.123456Z");
  }

  private static List<Error> errors(Class<? extends SignetEvent> type, JsonNode json) {
    return SCHEMAS.get(EventType.of(type)).validate(json);
  }
}
