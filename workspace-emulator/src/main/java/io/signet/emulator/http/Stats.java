package io.signet.emulator.http;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Calls and error answers per operation, for the admin API and benchmarks. */
final class Stats {

  private final Map<Operation, LongAdder> calls = new EnumMap<>(Operation.class);
  private final Map<Operation, LongAdder> errors = new EnumMap<>(Operation.class);

  Stats() {
    for (Operation operation : Operation.values()) {
      calls.put(operation, new LongAdder());
      errors.put(operation, new LongAdder());
    }
  }

  void record(Operation operation, int status) {
    calls.get(operation).increment();
    if (status >= 400) {
      errors.get(operation).increment();
    }
  }

  void reset() {
    calls.values().forEach(LongAdder::reset);
    errors.values().forEach(LongAdder::reset);
  }

  /** {@code {operation: {calls, errors}}} for every operation called at least once. */
  Map<String, Map<String, Long>> snapshot() {
    Map<String, Map<String, Long>> snapshot = new LinkedHashMap<>();
    for (Operation operation : Operation.values()) {
      long count = calls.get(operation).sum();
      if (count > 0) {
        snapshot.put(
            operation.apiName(), Map.of("calls", count, "errors", errors.get(operation).sum()));
      }
    }
    return snapshot;
  }
}
