package io.signet.directory;

import io.quarkus.test.junit.QuarkusTest;
import io.signet.emulator.http.QuotaSettings;
import io.signet.testing.TenantOnboarding;
import io.signet.testing.TestEmulator;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Prints full-sync figures for a 10,000- and a 100,000-user tenant: wall time, pages/s, events/s
 * and the heap the sync added at its peak (it must stay flat as the tenant grows). A program that
 * prints figures, not a timed test: run it with {@code ./mvnw -pl directory-sync-service -am verify
 * -Pbenchmark -Dtest=DirectorySyncBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@QuarkusTest
@Tag("benchmark")
@DirectorySyncTestResources
class DirectorySyncBenchmark {

  @Test
  void fullSyncOfTenAndAHundredThousandUsers() throws Exception {
    TestEmulator.instance().controls().configureQuotas(QuotaSettings.OFF);
    for (int users : sizes()) {
      TenantOnboarding tenant = new TenantOnboarding(users - 1).activate();
      HeapWatch heap = HeapWatch.start();
      long started = System.nanoTime();
      Map<String, Object> run = SyncRunsApi.awaitLatestRun(tenant, Duration.ofMinutes(20));
      double seconds = (System.nanoTime() - started) / 1e9;
      long peak = heap.stop();
      int pages = (Integer) run.get("pagesRead");
      int emitted = (Integer) run.get("emittedNew");
      System.out.printf(
          "BENCHMARK directory full sync: %,d users, state %s, %.1f s wall, %.1f pages/s,"
              + " %,.0f events/s, peak live heap added %,d MiB%n",
          users,
          run.get("state"),
          seconds,
          pages / seconds,
          emitted / seconds,
          peak / (1024 * 1024));
    }
  }

  private static int[] sizes() {
    String sizes = System.getProperty("benchmark.sizes", "10000,100000");
    return java.util.Arrays.stream(sizes.split(",")).mapToInt(Integer::parseInt).toArray();
  }

  /**
   * Samples the live heap (used right after a collection) above a post-GC baseline every second:
   * what the sync retains, not the garbage it makes.
   */
  private static final class HeapWatch {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong peak = new AtomicLong();
    private final Thread sampler;

    private HeapWatch(long baseline) {
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      sampler =
          new Thread(
              () -> {
                while (running.get()) {
                  System.gc();
                  long used = memory.getHeapMemoryUsage().getUsed() - baseline;
                  peak.accumulateAndGet(used, Math::max);
                  try {
                    Thread.sleep(1000);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "heap-watch");
      sampler.setDaemon(true);
      sampler.start();
    }

    static HeapWatch start() {
      System.gc();
      return new HeapWatch(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }

    long stop() throws InterruptedException {
      running.set(false);
      sampler.join();
      return peak.get();
    }
  }
}
