package io.signet.emulator.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The write log answers {@code afterSequence=&limit=} pages of a large log, and stays bounded. */
class WriteLogTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

  @Test
  void aLargeLogIsPagedInOrderWithoutGapsOrRepeats() {
    WriteLog log = new WriteLog(CLOCK, WriteLog.DEFAULT_CAPACITY);
    int writes = 150_000;
    for (int i = 1; i <= writes; i++) {
      log.append("client", "jane@acme.test", "user", "jane@acme.test", "patch", "s" + i);
    }

    long after = 0;
    int pages = 0;
    List<WriteLogEntry> page;
    while (!(page = log.after(after, 1000)).isEmpty()) {
      assertThat(sequences(page)).isEqualTo(range(after + 1, after + page.size()));
      page.forEach(entry -> assertThat(signatureOf(entry)).isEqualTo("s" + entry.sequence()));
      after = page.get(page.size() - 1).sequence();
      pages++;
    }
    assertThat(after).isEqualTo(writes);
    assertThat(pages).isEqualTo(150);
    assertThat(log.count()).isEqualTo(writes);

    assertThat(sequences(log.after(123_456, 3))).containsExactly(123_457L, 123_458L, 123_459L);
    assertThat(sequences(log.after(149_998, 10))).containsExactly(149_999L, 150_000L);
    assertThat(sequences(log.after(-5, 2))).containsExactly(1L, 2L);
    assertThat(log.after(150_000, 10)).isEmpty();
    assertThat(log.after(Long.MAX_VALUE, 10)).isEmpty();
    assertThat(log.after(10, 0)).isEmpty();
    assertThat(log.after(0, Integer.MAX_VALUE)).hasSize(writes);
    assertThatThrownBy(() -> log.after(0, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aFullLogDropsItsOldestTenthAndStillFindsEachWriteBySequence() {
    WriteLog log = new WriteLog(CLOCK, 100);
    for (int i = 1; i <= 250; i++) {
      log.append("client", "jane@acme.test", "user", "jane@acme.test", "update", "s" + i);
    }

    assertThat(log.count()).isEqualTo(250);
    assertThat(sequences(log.after(0, 1000))).isEqualTo(range(151, 250));
    assertThat(sequences(log.after(100, 5))).isEqualTo(range(151, 155));
    assertThat(sequences(log.after(200, 10))).isEqualTo(range(201, 210));
    assertThat(signatureOf(log.after(200, 1).get(0))).isEqualTo("s201");

    log.clear();
    assertThat(log.count()).isZero();
    assertThat(log.after(0, 10)).isEmpty();
    WriteLogEntry first =
        log.append("client", "jane@acme.test", "user", "a@acme.test", "patch", "abc");
    assertThat(first.sequence()).isEqualTo(1);
    assertThat(first.signatureLength()).isEqualTo(3);
    assertThat(first.signatureSha256())
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(log.after(0, 10)).containsExactly(first);
  }

  /** The log keeps a signature's hash only: whether it is that of "s<sequence>". */
  private static String signatureOf(WriteLogEntry entry) {
    String candidate = "s" + entry.sequence();
    return WriteLog.sha256(candidate).equals(entry.signatureSha256()) ? candidate : "another";
  }

  private static List<Long> sequences(List<WriteLogEntry> entries) {
    return entries.stream().map(WriteLogEntry::sequence).toList();
  }

  private static List<Long> range(long first, long last) {
    return LongStream.rangeClosed(first, last).boxed().toList();
  }
}
