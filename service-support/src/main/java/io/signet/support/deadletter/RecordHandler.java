package io.signet.support.deadletter;

import io.signet.events.EventType;
import io.signet.events.SignetEvent;
import java.util.List;

/**
 * What a consumer does with valid records of one topic. {@link ConsumerGuard} calls it for live
 * records and for re-driven dead letters alike, so a re-drive takes the live code path.
 */
public interface RecordHandler<T extends SignetEvent> {

  /** The event, hence the topic, this handler consumes. */
  EventType eventType();

  /**
   * Applies records in their order. Throws to refuse: a transient failure (see {@link
   * TransientFailures}) is retried, any other dead-letters the records (one at a time when there
   * were several, so good neighbours are still applied).
   */
  void handle(List<ConsumedRecord<T>> records);
}
