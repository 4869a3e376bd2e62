package io.signet.events;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Normalisation shared by the event records' constructors. */
final class EventFields {

  private EventFields() {}

  static <T> T required(T value, String field) {
    return Objects.requireNonNull(value, () -> field + " is required");
  }

  /** Absent lists become empty so consumers never see {@code null} collections. */
  static <T> List<T> listOrEmpty(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }

  static <K, V> Map<K, V> mapOrEmpty(Map<K, V> map) {
    return map == null ? Map.of() : Map.copyOf(map);
  }
}
