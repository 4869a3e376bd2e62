package io.signet.push.messaging;

import io.signet.events.EventType;
import io.signet.events.SignatureRendered;
import io.signet.push.service.DesiredSignatures;
import io.signet.support.deadletter.ConsumedRecord;
import io.signet.support.deadletter.ConsumerGuard;
import io.signet.support.deadletter.RecordHandler;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code signet.signatures} a polled batch at a time; offsets are committed only after the
 * batch is stored, and storing is idempotent, so a redelivery never causes a second Gmail write. A
 * record it cannot process is dead-lettered by the {@link ConsumerGuard}, its neighbours stored.
 */
@ApplicationScoped
public class SignatureEventsConsumer implements RecordHandler<SignatureRendered> {

  private final DesiredSignatures desired;
  private final ConsumerGuard guard;

  public SignatureEventsConsumer(DesiredSignatures desired, ConsumerGuard guard) {
    this.desired = desired;
    this.guard = guard;
  }

  @Incoming("signatures")
  @Blocking
  public void consume(ConsumerRecords<String, String> records) {
    guard.consume(this, records);
  }

  @Override
  public EventType eventType() {
    return EventType.SIGNATURE_RENDERED;
  }

  @Override
  public void handle(List<ConsumedRecord<SignatureRendered>> records) {
    Map<String, SignatureRendered> latest = new LinkedHashMap<>();
    for (ConsumedRecord<SignatureRendered> record : records) {
      latest.remove(record.key()); // keep the batch's order of last appearance
      latest.put(record.key(), record.event());
    }
    desired.store(latest);
  }
}
