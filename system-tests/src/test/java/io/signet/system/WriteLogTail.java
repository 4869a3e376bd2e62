package io.signet.system;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Follows the emulator's Gmail write log (every accepted sendAs write, with the time Gmail took it)
 * in the background: the judge of when a signature reached Gmail.
 */
final class WriteLogTail implements AutoCloseable {

  /** One accepted write. */
  record Write(long sequence, Instant at, String address) {}

  private final BenchHttp http;
  private final String url;
  private final Map<String, List<Write>> byAddress = new ConcurrentHashMap<>();
  private final Map<String, Integer> byDomain = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile long last;
  private volatile boolean open = true;

  WriteLogTail(BenchHttp http, String emulatorUrl) {
    this.http = http;
    this.url = emulatorUrl + "/emulator/v1/write-log?limit=20000&afterSequence=";
    this.last = http.get(url + 0).get("total").asLong(); // earlier writes are not followed
    this.thread = new Thread(this::follow, "write-log-tail");
    thread.setDaemon(true);
    thread.start();
  }

  /** Writes of this address taken after {@code after}, oldest first. */
  List<Write> writesOf(String address, Instant after) {
    List<Write> all = byAddress.getOrDefault(address, List.of());
    synchronized (all) {
      return all.stream().filter(w -> w.at().isAfter(after)).toList();
    }
  }

  /** Any write of this address no later than {@code before}. */
  boolean writtenBefore(String address, Instant before) {
    List<Write> all = byAddress.getOrDefault(address, List.of());
    synchronized (all) {
      return all.stream().anyMatch(w -> !w.at().isAfter(before));
    }
  }

  int writesOfDomain(String domain) {
    return byDomain.getOrDefault(domain, 0);
  }

  /** The time of the latest write to an address of the domain followed so far. */
  Instant lastWriteOf(String domain) {
    return byAddress.entrySet().stream()
        .filter(e -> e.getKey().endsWith("@" + domain))
        .flatMap(
            e -> {
              synchronized (e.getValue()) {
                return new ArrayList<>(e.getValue()).stream();
              }
            })
        .map(Write::at)
        .max(Instant::compareTo)
        .orElse(null);
  }

  /** Reads the log up to now, so that what Gmail took before this call is known. */
  void catchUp() {
    long total = http.get(url + 0).get("total").asLong();
    while (last < total) {
      BenchHttp.sleep(50);
    }
  }

  private void follow() {
    while (open) {
      try {
        JsonNode page = http.get(url + last);
        for (JsonNode write : page.get("writes")) {
          Write w =
              new Write(
                  write.get("sequence").asLong(),
                  Instant.parse(write.get("at").asText()),
                  write.get("sendAsEmail").asText());
          List<Write> list = byAddress.computeIfAbsent(w.address(), a -> new ArrayList<>());
          synchronized (list) {
            list.add(w);
          }
          byDomain.merge(w.address().substring(w.address().indexOf('@') + 1), 1, Integer::sum);
          last = Math.max(last, w.sequence());
        }
        if (page.get("writes").size() < 20000) {
          BenchHttp.sleep(100);
        }
      } catch (RuntimeException e) {
        if (open) {
          BenchHttp.sleep(500);
        }
      }
    }
  }

  @Override
  public void close() {
    open = false;
    thread.interrupt();
  }
}
