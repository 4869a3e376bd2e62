package io.signet.emulator.state;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Every sendAs write Gmail accepted, in sequence order. Sequences are consecutive from 1, so an
 * entry is found by arithmetic: {@code afterSequence} queries start where they should instead of
 * scanning. Bounded: when full, the oldest tenth is dropped.
 */
final class WriteLog {

  /** How many writes the log keeps by default. */
  static final int DEFAULT_CAPACITY = 2_000_000;

  private final Clock clock;
  private final int capacity;
  private final List<WriteLogEntry> entries = new ArrayList<>();

  /** The sequence of {@code entries.get(0)}; with an empty log, the next one to be given. */
  private long firstSequence = 1;

  private long lastSequence;

  WriteLog(Clock clock, int capacity) {
    if (capacity < 10) {
      throw new IllegalArgumentException("a write log keeps at least 10 writes");
    }
    this.clock = clock;
    this.capacity = capacity;
  }

  /** Records a write Gmail accepted and answers it. */
  WriteLogEntry append(
      String clientId,
      String subject,
      String userId,
      String sendAsEmail,
      String method,
      String signature) {
    String sha256 = sha256(signature);
    synchronized (this) {
      if (entries.size() >= capacity) {
        int dropped = capacity / 10;
        entries.subList(0, dropped).clear();
        firstSequence += dropped;
      }
      WriteLogEntry entry =
          new WriteLogEntry(
              ++lastSequence,
              clock.instant(),
              clientId,
              subject,
              userId,
              sendAsEmail,
              method,
              signature.length(),
              sha256);
      entries.add(entry);
      return entry;
    }
  }

  /**
   * Writes with a sequence above {@code afterSequence}, oldest first, at most {@code limit}: the
   * ones still kept.
   *
   * @throws IllegalArgumentException when {@code limit} is negative
   */
  synchronized List<WriteLogEntry> after(long afterSequence, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit " + limit + " is negative");
    }
    if (afterSequence >= lastSequence) {
      return List.of();
    }
    int start = (int) (Math.max(afterSequence + 1, firstSequence) - firstSequence);
    int end = (int) Math.min(entries.size(), (long) start + limit);
    return List.copyOf(entries.subList(start, end));
  }

  /** How many writes were ever recorded (since the last reset), kept or dropped. */
  synchronized long count() {
    return lastSequence;
  }

  synchronized void clear() {
    entries.clear();
    firstSequence = 1;
    lastSequence = 0;
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
