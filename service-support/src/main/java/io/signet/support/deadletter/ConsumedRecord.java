package io.signet.support.deadletter;

import io.signet.events.SignetEvent;
import io.signet.events.Topics;

/**
 * A consumed record that passed its checks: where it was read, its key and its event.
 *
 * @param userKey the parsed key on a per-user topic, {@code null} on {@code signet.tenants}
 * @param event the event, or {@code null} for a tombstone
 */
public record ConsumedRecord<T extends SignetEvent>(
    String topic, int partition, long offset, String key, Topics.UserKey userKey, T event) {

  public boolean tombstone() {
    return event == null;
  }
}
