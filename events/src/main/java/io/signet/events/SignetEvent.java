package io.signet.events;

import java.time.Instant;

/** What every Signet event carries besides its own fields: identity, time and contract version. */
public interface SignetEvent {

  /** Unique id of this event, also sent as the CloudEvents {@code ce_id} header. */
  String eventId();

  /** When the change the event describes happened. */
  Instant occurredAt();

  /** Version of the event's JSON Schema the payload follows. */
  int schemaVersion();

  /** Tenant the event belongs to. */
  String tenantId();
}
