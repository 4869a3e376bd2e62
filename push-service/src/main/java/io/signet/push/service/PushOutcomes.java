package io.signet.push.service;

import io.signet.push.repository.ClaimedTarget;
import io.signet.push.repository.PushHistoryRepository;
import io.signet.push.repository.PushHistoryRepository.Outcome;
import io.signet.push.repository.PushTargetRepository;
import io.signet.push.repository.PushTenantRepository;
import io.signet.push.repository.PushTenantRepository.PushTenant;
import io.signet.push.repository.UserHoldRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;

/**
 * Records how a push ended — the target's new state and its history row (the push result to relay)
 * in one transaction — and counts it.
 */
@ApplicationScoped
public class PushOutcomes {

  private final PushTargetRepository targets;
  private final PushTenantRepository tenants;
  private final PushHistoryRepository history;
  private final PushMetrics metrics;
  private final TenantGate gate;
  private final UserHoldRepository holds;

  public PushOutcomes(
      PushTargetRepository targets,
      PushTenantRepository tenants,
      PushHistoryRepository history,
      PushMetrics metrics,
      TenantGate gate,
      UserHoldRepository holds) {
    this.gate = gate;
    this.holds = holds;
    this.targets = targets;
    this.tenants = tenants;
    this.history = history;
    this.metrics = metrics;
  }

  @Transactional
  public void applied(ClaimedTarget target, String gmailHash, int attempts) {
    targets.applied(target, gmailHash, attempts);
    Duration latency = Duration.between(target.desiredAt(), Instant.now());
    history.add(outcome(target, "APPLIED", null, null, attempts, latency));
    metrics.write(target.tenantId(), "APPLIED", null);
    metrics.latency(latency);
  }

  @Transactional
  public void retry(ClaimedTarget target, int attempts, Instant at, PushFailure failure) {
    targets.settle(target, "RETRYING", attempts, at, failure.reason(), failure.detail());
    metrics.retry(target.tenantId(), failure.reason());
  }

  /**
   * Google limited the target's user until {@code until}: every address of the user waits until
   * then (not only this one), the target without spending an attempt.
   */
  @Transactional
  public void userLimited(ClaimedTarget target, Instant until, PushFailure failure) {
    holds.hold(target.tenantId(), target.userId(), until, failure.reason());
    targets.settle(
        target, "RETRYING", target.attempts(), until, failure.reason(), failure.detail());
    metrics.userRateLimited(target.tenantId());
  }

  @Transactional
  public void failed(ClaimedTarget target, int attempts, PushFailure failure) {
    if (targets.settle(
        target, "FAILED", attempts, Instant.now(), failure.reason(), failure.detail())) {
      Duration latency = Duration.between(target.desiredAt(), Instant.now());
      history.add(outcome(target, "FAILED", failure.reason(), failure.detail(), attempts, latency));
      metrics.write(target.tenantId(), "FAILED", failure.reason());
    }
  }

  /** The tenant cannot be pushed to (suspended, delegation broken): it waits for a resume. */
  @Transactional
  public void pauseTenant(String tenantId, String reason) {
    gate.pause(tenantId);
    tenants.pause(tenantId, reason);
    targets.pause(tenantId);
  }

  /**
   * Google refused the tenant itself (its delegation) while pushing the target. The first push to
   * find it out fails with the reason and pauses the tenant; pushes that were in flight at the same
   * time are not at fault and wait, paused, with the rest of the tenant's targets. A push claimed
   * before the tenant's latest resume may have met the refusal before the fix: it pauses nothing
   * and is due again (a push claimed since will tell). The tenant is locked first, so concurrent
   * refusals take their turns instead of deadlocking on each other's targets.
   *
   * @return whether this refusal paused the tenant
   */
  @Transactional
  public boolean tenantBroken(ClaimedTarget target, int attempts, PushFailure failure) {
    PushTenant tenant = tenants.lock(target.tenantId()).orElse(null);
    if (tenant == null || !targets.holds(target)) {
      return false; // the tenant is gone, or the lease ran out and a newer claim has the address
    }
    boolean stale = tenant.resumedAt() != null && !tenant.resumedAt().isBefore(target.claimedAt());
    boolean pausing = !stale && tenant.pausedReason() == null;
    if (pausing) {
      tenants.pause(target.tenantId(), failure.reason());
      failed(target, attempts, failure);
      gate.pause(target.tenantId());
      targets.pause(target.tenantId());
    }
    // a stale refusal is due again; one after the pause waits, PAUSED, with the rest
    targets.release(target, Instant.now());
    return pausing;
  }

  private static Outcome outcome(
      ClaimedTarget target,
      String outcome,
      String reason,
      String detail,
      int attempts,
      Duration latency) {
    return new Outcome(
        0,
        target.tenantId(),
        target.userId(),
        target.sendAsEmail(),
        outcome,
        reason,
        detail,
        attempts,
        latency.toMillis(),
        target.contentHash(),
        null);
  }
}
