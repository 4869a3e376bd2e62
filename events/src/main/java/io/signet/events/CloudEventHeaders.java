package io.signet.events;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CloudEvents Kafka binary-mode headers every Signet record carries. Values are UTF-8 strings,
 * as the CloudEvents Kafka protocol binding defines them.
 */
public final class CloudEventHeaders {

  public static final String SPEC_VERSION = "ce_specversion";
  public static final String ID = "ce_id";
  public static final String TYPE = "ce_type";
  public static final String SOURCE = "ce_source";
  public static final String TIME = "ce_time";
  public static final String CONTENT_TYPE = "content-type";

  private CloudEventHeaders() {}

  /**
   * The headers for one event.
   *
   * @param source the producing service, e.g. {@code /signet/render-service}
   */
  public static Map<String, byte[]> of(SignetEvent event, String source) {
    Map<String, byte[]> headers = new LinkedHashMap<>();
    headers.put(SPEC_VERSION, utf8("1.0"));
    headers.put(ID, utf8(event.eventId()));
    headers.put(TYPE, utf8(EventType.of(event.getClass()).cloudEventType()));
    headers.put(SOURCE, utf8(source));
    headers.put(TIME, utf8(DateTimeFormatter.ISO_INSTANT.format(event.occurredAt())));
    headers.put(CONTENT_TYPE, utf8("application/json"));
    return headers;
  }

  private static byte[] utf8(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }
}
