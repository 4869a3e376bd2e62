package io.signet.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one JSON mapping of Signet events: instants as ISO-8601 strings, absent optional fields left
 * out, unknown fields from newer producers ignored.
 */
public final class EventJson {

  private static final ObjectMapper MAPPER = configure(new ObjectMapper());

  private EventJson() {}

  /** Applies the event mapping to a mapper (e.g. the one Quarkus provides). */
  public static ObjectMapper configure(ObjectMapper mapper) {
    return mapper
        .registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .setSerializationInclusion(JsonInclude.Include.NON_NULL);
  }

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static String write(SignetEvent event) {
    try {
      return MAPPER.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialise " + event.getClass().getName(), e);
    }
  }

  public static <T extends SignetEvent> T read(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (IOException e) {
      throw new UncheckedIOException("not a valid " + type.getSimpleName() + " payload", e);
    }
  }
}
