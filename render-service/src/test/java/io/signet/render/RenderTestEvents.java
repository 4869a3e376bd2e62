package io.signet.render;

import io.signet.events.CloudEventHeaders;
import io.signet.events.DirectoryUser;
import io.signet.events.EventJson;
import io.signet.events.EventRecords;
import io.signet.events.TenantSnapshot;
import io.signet.events.Topics;
import io.signet.testing.KafkaTestClient;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;

/** The events render-service tests publish: an active tenant, directory users. */
final class RenderTestEvents {

  private RenderTestEvents() {}

  /**
   * An active tenant of domain {@code acme.ch}. Built from JSON rather than the record's
   * constructor: the snapshot gains optional components (absent ones read as their defaults), and
   * the tests need none of them.
   */
  static void publishTenant(KafkaTestClient kafka, String tenant) {
    TenantSnapshot snapshot =
        EventJson.read(
            """
            {"eventId":"%s","occurredAt":"%s","schemaVersion":%d,"tenantId":"%s",
             "displayName":"Acme","domains":["acme.ch"],"adminEmail":"admin@acme.ch",
             "status":"ACTIVE","autoPush":true,"syncIntervalSeconds":3600,"dwdClientId":"123"}
            """
                .formatted(UUID.randomUUID(), Instant.now(), TenantSnapshot.SCHEMA_VERSION, tenant),
            TenantSnapshot.class);
    kafka.send(
        Topics.TENANTS,
        tenant,
        EventJson.write(snapshot),
        CloudEventHeaders.of(snapshot, "/tests"));
  }

  static ProducerRecord<String, String> record(DirectoryUser user) {
    return EventRecords.of(user, Topics.userKey(user.tenantId(), user.userId()), "/tests");
  }
}
