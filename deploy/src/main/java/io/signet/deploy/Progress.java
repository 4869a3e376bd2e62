package io.signet.deploy;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/**
 * One progress line with the time since it began: rewritten in place on a terminal, printed when it
 * changes (at most every 2 s) otherwise, so logs of a run stay short.
 */
final class Progress {

  private final PrintStream out;
  private final boolean terminal = System.console() != null;
  private final Instant started = Instant.now();
  private String last = "";
  private String lastLine = "";
  private Instant lastPrinted = Instant.EPOCH;

  Progress(PrintStream out) {
    this.out = out;
  }

  void update(String text) {
    String line = "  " + text + " (" + elapsed() + " s)";
    if (terminal) {
      out.print("\r" + line + "   ");
      out.flush();
    } else if (!text.equals(last)
        && Duration.between(lastPrinted, Instant.now()).toMillis() >= 2_000) {
      out.println(line);
      lastLine = text;
      lastPrinted = Instant.now();
    }
    last = text;
  }

  void done() {
    if (terminal) {
      out.println();
    } else if (!last.equals(lastLine)) {
      out.println("  " + last + " (" + elapsed() + " s)");
    }
  }

  long elapsed() {
    return Duration.between(started, Instant.now()).toSeconds();
  }
}
