package io.signet.push.service;

import io.signet.push.config.PushConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One adaptive {@link QuotaBucket} per Google Cloud project, each holding this replica's share of
 * the project's Gmail quota. A project is known by the OAuth client id of its service account: the
 * tenants sharing the operator's account share one budget, a tenant with its own key has its own.
 */
@ApplicationScoped
public class ProjectBudgets {

  /** One second of the rate may be spent at once: no bursts that Google would refuse. */
  private static final double BURST_SECONDS = 1.0;

  private final PushConfig config;
  private final PushMetrics metrics;
  private final Map<String, QuotaBucket> buckets = new ConcurrentHashMap<>();
  private volatile double share = 1.0;

  public ProjectBudgets(PushConfig config, PushMetrics metrics) {
    this.config = config;
    this.metrics = metrics;
  }

  public QuotaBucket of(String project) {
    return buckets.computeIfAbsent(
        project,
        key -> {
          QuotaBucket bucket =
              new QuotaBucket(config.projectUnitsPerMinute(), BURST_SECONDS, System.nanoTime());
          bucket.share(share, System.nanoTime());
          metrics.bucket(key, bucket);
          return bucket;
        });
  }

  /** Takes the units of one call from the project's budget; see {@link QuotaBucket#tryTake}. */
  public long tryTake(String project, int units) {
    long wait = of(project).tryTake(units, System.nanoTime());
    if (wait == 0) {
      metrics.unitsUsed(project, units);
    }
    return wait;
  }

  /**
   * Waits until the project's budget holds {@code units}, then takes them: for the few units of a
   * read, which are not worth a place in the dispatcher's queue.
   */
  public void await(String project, int units) {
    long wait;
    while ((wait = tryTake(project, units)) > 0) {
      java.util.concurrent.locks.LockSupport.parkNanos(
          Math.min(wait, java.util.concurrent.TimeUnit.SECONDS.toNanos(1)));
    }
  }

  /** {@code replicas} replicas now divide every project's budget equally. */
  public void replicas(int replicas) {
    double newShare = 1.0 / Math.max(1, replicas);
    if (newShare != share) {
      share = newShare;
      buckets.values().forEach(bucket -> bucket.share(newShare, System.nanoTime()));
    }
  }

  public double share() {
    return share;
  }
}
