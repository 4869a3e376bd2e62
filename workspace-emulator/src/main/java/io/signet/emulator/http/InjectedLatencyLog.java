package io.signet.emulator.http;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Every delay the emulator added to an answer because of an injected latency, so that a benchmark
 * can take Google's (emulated) latency out of a figure it measures end to end. Holds the most
 * recent {@value #CAPACITY} entries.
 */
public final class InjectedLatencyLog {

  static final int CAPACITY = 500_000;

  /**
   * One delayed answer.
   *
   * @param at when the call arrived
   * @param operation the operation's API name
   * @param uri the request's path and query (users.get and groups.list name their user there)
   * @param subject the user the call acted as (the token's subject; a token request's {@code sub})
   * @param millis how long the answer was held back
   */
  public record Entry(Instant at, String operation, String uri, String subject, long millis) {}

  private final Deque<Entry> entries = new ArrayDeque<>();

  synchronized void add(Entry entry) {
    if (entries.size() == CAPACITY) {
      entries.removeFirst();
    }
    entries.addLast(entry);
  }

  /** Entries that arrived at or after {@code after}, of one operation unless null, oldest first. */
  synchronized List<Entry> since(Instant after, String operation, int limit) {
    // entries are added when answered, a little out of arrival order: the whole log is read
    List<Entry> found = new ArrayList<>();
    for (Entry entry : entries) {
      if (!entry.at().isBefore(after)
          && (operation == null || operation.equals(entry.operation()))) {
        found.add(entry);
      }
    }
    found.sort(java.util.Comparator.comparing(Entry::at));
    return found.size() > limit ? List.copyOf(found.subList(0, limit)) : found;
  }

  synchronized void clear() {
    entries.clear();
  }
}
