package io.signet.push;

import static org.awaitility.Awaitility.await;

import com.google.api.services.gmail.Gmail;
import com.google.api.services.gmail.model.SendAs;
import io.signet.emulator.http.FaultRequests;
import io.signet.emulator.http.QuotaSettings;
import io.signet.emulator.state.EmulatedUser;
import io.signet.emulator.state.WriteLogEntry;
import io.signet.events.RenderCause;
import io.signet.google.GoogleClients;
import io.signet.google.GoogleScopes;
import io.signet.testing.KafkaTestClient;
import io.signet.testing.ServiceProcess;
import io.signet.testing.TenantOnboarding;
import io.signet.testing.TestEmulator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Sustained Gmail writes of push-service against the emulator enforcing a quota of Q writes a
 * minute with 150 ms per call, as a ratio to Q, beside a sequential and a 5-thread baseline (GAM's
 * default) measured in the same run. Run: {@code ./mvnw -pl push-service -am verify -Pbenchmark
 * -Dit.test=PushQuotaBenchmarkIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}; {@code
 * -Dbenchmark.quota=6000} (writes/minute) and {@code -Dbenchmark.seconds=120} change the run.
 */
@Tag("benchmark")
class PushQuotaBenchmarkIT {

  private static final int LATENCY_MILLIS = 150;

  @Test
  void sustainedWritesAgainstTheQuota() throws Exception {
    // the services run fully JIT-compiled here, as in production (tests start them quick and small)
    System.setProperty(ServiceProcess.JVM_OPTIONS, "-Xmx512m");
    int quotaPerMinute = Integer.getInteger("benchmark.quota", 6_000);
    int seconds = Integer.getInteger("benchmark.seconds", 120);
    double quotaPerSecond = quotaPerMinute / 60.0;
    // enough work for the first minute, the measured seconds and a margin, beside the baselines'
    int users = (int) (quotaPerSecond * (60 + seconds + 30)) + 400;
    var controls = TestEmulator.instance().controls();
    controls.configureQuotas(new QuotaSettings(true, quotaPerMinute * 100L, 15_000, 2_400));
    controls.setFaults(
        new FaultRequests.FaultsRequest(
            List.of(
                new FaultRequests.LatencyRequest("sendAs.patch", LATENCY_MILLIS, LATENCY_MILLIS)),
            List.of()));
    TenantOnboarding tenant = new TenantOnboarding(users).activate();
    List<EmulatedUser> eligible = Signatures.pushable(tenant);

    double sequential = baseline(tenant, eligible.subList(0, 100), 1, 15);
    double fiveThreads = baseline(tenant, eligible.subList(100, 300), 5, 15);

    // the baselines spent quota: a fresh minute for Signet
    controls.configureQuotas(new QuotaSettings(true, quotaPerMinute * 100L, 15_000, 2_400));
    PushProcesses processes =
        new PushProcesses(
            Map.of(
                "signet.push.project-units-per-minute",
                "" + quotaPerMinute * 100L,
                "signet.push.workers",
                System.getProperty("benchmark.workers", "64")));
    ServiceProcess push = processes.start("bench");
    try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
      List<EmulatedUser> pushed = eligible.subList(300, eligible.size());
      long errorsBefore = patchErrors();
      Instant start = Instant.now();
      kafka.sendAll(Signatures.records(tenant, pushed, "bench", RenderCause.TEMPLATE));
      Instant firstMinute = start.plusSeconds(60);
      await().atMost(Duration.ofSeconds(70)).until(() -> Instant.now().isAfter(firstMinute));
      long errorsAtMinute = patchErrors();
      Instant measuredFrom = Instant.now();
      Thread.sleep(seconds * 1000L);
      Instant measuredTo = Instant.now();
      long errorsAfter = patchErrors();
      List<WriteLogEntry> writes = Signatures.writes(tenant);
      long inWindow =
          writes.stream()
              .filter(w -> !w.at().isBefore(measuredFrom) && w.at().isBefore(measuredTo))
              .count();
      double signet = inWindow / (Duration.between(measuredFrom, measuredTo).toMillis() / 1000.0);
      System.out.printf(
          "%nPUSH BENCHMARK quota %d writes/min (%.1f/s), %d ms per call%n"
              + "  sequential baseline  %7.1f writes/s  ratio %.3f%n"
              + "  5-thread baseline    %7.1f writes/s  ratio %.3f%n"
              + "  signet push-service  %7.1f writes/s  ratio %.3f (minute 2 on, %d s)%n"
              + "  quota errors: %d in the first minute, %d after it%n%n",
          quotaPerMinute,
          quotaPerSecond,
          LATENCY_MILLIS,
          sequential,
          sequential / quotaPerSecond,
          fiveThreads,
          fiveThreads / quotaPerSecond,
          signet,
          signet / quotaPerSecond,
          seconds,
          errorsAtMinute - errorsBefore,
          errorsAfter - errorsAtMinute);
    } finally {
      push.close();
      controls.clearFaults();
      controls.configureQuotas(QuotaSettings.GOOGLE);
    }
  }

  /** Writes/s of {@code threads} threads patching signatures one call at a time, as GAM does. */
  private static double baseline(
      TenantOnboarding tenant, List<EmulatedUser> users, int threads, int seconds)
      throws Exception {
    GoogleClients google =
        new GoogleClients(TestEmulator.instance().endpoints(), Duration.ofSeconds(30), threads);
    byte[] key = tenant.keyJson().getBytes(StandardCharsets.UTF_8);
    AtomicInteger written = new AtomicInteger();
    AtomicInteger next = new AtomicInteger();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    for (int t = 0; t < threads; t++) {
      pool.execute(
          () -> {
            while (System.nanoTime() < deadline) {
              EmulatedUser user = users.get(next.getAndIncrement() % users.size());
              Gmail gmail =
                  google.gmail(
                      google.delegated(
                          key, user.primaryEmail(), List.of(GoogleScopes.GMAIL_SETTINGS_BASIC)));
              try {
                gmail
                    .users()
                    .settings()
                    .sendAs()
                    .patch("me", user.primaryEmail(), new SendAs().setSignature("baseline"))
                    .execute();
                written.incrementAndGet();
              } catch (java.io.IOException e) {
                // a refused call is not a write
              }
            }
          });
    }
    pool.shutdown();
    pool.awaitTermination(seconds + 60, TimeUnit.SECONDS);
    return written.get() / (double) seconds;
  }

  /** Errors the emulator answered to sendAs.patch so far. */
  @SuppressWarnings("unchecked")
  static long patchErrors() {
    Map<String, Map<String, Long>> operations =
        (Map<String, Map<String, Long>>)
            TestEmulator.instance().controls().stats().get("operations");
    Map<String, Long> patch = operations.get("sendAs.patch");
    return patch == null ? 0 : patch.getOrDefault("errors", 0L);
  }
}
