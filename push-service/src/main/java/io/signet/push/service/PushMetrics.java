package io.signet.push.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;
import io.signet.push.repository.PushStatusRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * push-service's meters: writes by outcome, push latency, queue depth and oldest waiting age per
 * tenant, quota units used against the limit per project, throttle waits, retries, drift repairs,
 * per-user rate limits and clock skew.
 */
@ApplicationScoped
public class PushMetrics {

  private final MeterRegistry registry;
  private final PushStatusRepository status;
  private final Timer latency;
  private final Counter throttleWaits;
  private final Counter throttleSeconds;
  private final Counter driftChecks;
  private final Counter driftRepairs;
  private final Counter clockSkews;
  private final MultiGauge queueDepth;
  private final MultiGauge oldestWaiting;

  public PushMetrics(MeterRegistry registry, PushStatusRepository status) {
    this.registry = registry;
    this.status = status;
    this.latency =
        Timer.builder("signet.push.latency")
            .description("From the desired signature arriving to Gmail holding it")
            .publishPercentileHistogram()
            .maximumExpectedValue(Duration.ofHours(1))
            .register(registry);
    this.throttleWaits =
        Counter.builder("signet.push.throttle.waits")
            .description("Times a push waited for its project's quota")
            .register(registry);
    this.throttleSeconds =
        Counter.builder("signet.push.throttle.wait.seconds")
            .description("Time pushes waited for their project's quota")
            .register(registry);
    this.driftChecks =
        Counter.builder("signet.push.drift.checks")
            .description("Applied signatures read back from Gmail")
            .register(registry);
    this.driftRepairs =
        Counter.builder("signet.push.drift.repairs")
            .description("Signatures changed outside Signet and pushed again")
            .register(registry);
    this.clockSkews =
        Counter.builder("signet.push.clock.skew")
            .description("Pushes whose token Google refused for a skewed clock (iat/exp)")
            .register(registry);
    this.queueDepth =
        MultiGauge.builder("signet.push.queue.depth")
            .description("sendAs addresses waiting to be pushed, per tenant")
            .register(registry);
    this.oldestWaiting =
        MultiGauge.builder("signet.push.queue.oldest.seconds")
            .description("Age of the oldest signature waiting to be pushed, per tenant")
            .register(registry);
  }

  /**
   * A Gmail write of a tenant ended ({@code APPLIED}, {@code FAILED}) or was not needed ({@code
   * UNCHANGED}). Tagged by tenant for the per-tenant dashboard: tenants are hundreds, not millions.
   */
  public void write(String tenantId, String outcome, String reason) {
    registry
        .counter(
            "signet.push.writes",
            "tenant",
            tenantId,
            "outcome",
            outcome,
            "reason",
            reason == null ? "none" : reason)
        .increment();
  }

  public void latency(Duration elapsed) {
    latency.record(elapsed.isNegative() ? Duration.ZERO : elapsed);
  }

  public void retry(String tenantId, String reason) {
    registry.counter("signet.push.retries", "tenant", tenantId, "reason", reason).increment();
  }

  /**
   * Google held one of the tenant's users at the per-user rate limit: not the project's quota, so
   * not counted with {@link #quotaError}.
   */
  public void userRateLimited(String tenantId) {
    registry.counter("signet.push.user.rate.limited", "tenant", tenantId).increment();
  }

  /**
   * Google refused a token's assertion for its iat/exp: a Signet host's clock is off (alert
   * SignetTokenClockSkew).
   */
  public void clockSkew() {
    clockSkews.increment();
  }

  public void quotaError(String project, String reason) {
    registry.counter("signet.push.quota.errors", "project", project, "reason", reason).increment();
  }

  public void unitsUsed(String project, int units) {
    registry.counter("signet.push.quota.units.used", "project", project).increment(units);
  }

  public void throttled(long nanos) {
    throttleWaits.increment();
    throttleSeconds.increment(nanos / 1e9);
  }

  /** A user's sendAs list was read from Gmail. */
  public void sendAsListed() {
    registry.counter("signet.push.send.as.lists").increment();
  }

  /** A sendAs entry was created for a Directory alias. */
  public void sendAsCreated(String tenantId) {
    registry.counter("signet.push.send.as.created", "tenant", tenantId).increment();
  }

  public void driftChecked() {
    driftChecks.increment();
  }

  public void driftRepaired() {
    driftRepairs.increment();
  }

  /** The limit and current (adaptive) rate of a project's bucket, in units a minute. */
  public void bucket(String project, QuotaBucket bucket) {
    registry.gauge(
        "signet.push.quota.limit.units.per.minute",
        Tags.of("project", project),
        bucket,
        QuotaBucket::fullUnitsPerMinute);
    registry.gauge(
        "signet.push.quota.rate.units.per.minute",
        Tags.of("project", project),
        bucket,
        QuotaBucket::unitsPerMinute);
  }

  @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void refreshQueues() {
    List<PushStatusRepository.Queue> queues = status.queues();
    Instant now = Instant.now();
    queueDepth.register(
        queues.stream()
            .map(q -> MultiGauge.Row.of(Tags.of("tenant", q.tenantId()), q.depth()))
            .toList(),
        true);
    oldestWaiting.register(
        queues.stream()
            .map(
                q ->
                    MultiGauge.Row.of(
                        Tags.of("tenant", q.tenantId()),
                        q.oldestDesiredAt() == null
                            ? 0
                            : Duration.between(q.oldestDesiredAt(), now).toMillis() / 1000.0))
            .toList(),
        true);
  }
}
