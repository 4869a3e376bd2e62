package io.signet.directory.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The bound on a group read's Directory queries a minute. */
class QueryPacerTest {

  @Test
  void queriesAreSpacedToTheBoundAndCounted() {
    QueryPacer pacer = new QueryPacer(600); // one every 100 ms
    long started = System.nanoTime();
    for (int i = 0; i < 6; i++) {
      pacer.acquire();
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(pacer.queries()).isEqualTo(6);
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(500)); // the first goes at once
  }

  @Test
  void aPauseIsNotSavedUpIntoABurst() throws Exception {
    QueryPacer pacer = new QueryPacer(600);
    pacer.acquire();
    Thread.sleep(500); // idle for five slots
    long started = System.nanoTime();
    for (int i = 0; i < 4; i++) {
      pacer.acquire();
    }
    // the first after the pause goes at once, the next three wait their 100 ms each
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }
}
