package io.signet.push.messaging;

import io.signet.events.EventJson;
import io.signet.events.SignatureRendered;
import io.signet.push.service.DesiredSignatures;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code signet.signatures} a polled batch at a time; offsets are committed only after the
 * batch is stored, and storing is idempotent, so a redelivery never causes a second Gmail write.
 */
@ApplicationScoped
public class SignatureEventsConsumer {

  private final DesiredSignatures desired;

  public SignatureEventsConsumer(DesiredSignatures desired) {
    this.desired = desired;
  }

  @Incoming("signatures")
  @Blocking
  public void consume(ConsumerRecords<String, String> records) {
    Map<String, SignatureRendered> latest = new LinkedHashMap<>();
    for (ConsumerRecord<String, String> record : records) {
      latest.remove(record.key()); // keep the batch's order of last appearance
      latest.put(
          record.key(),
          record.value() == null ? null : EventJson.read(record.value(), SignatureRendered.class));
    }
    desired.store(latest);
  }
}
