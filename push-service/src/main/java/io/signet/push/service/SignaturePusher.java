package io.signet.push.service;

import com.google.api.services.gmail.model.SendAs;
import io.signet.google.GoogleBackoff;
import io.signet.push.config.PushConfig;
import io.signet.push.repository.ClaimedTarget;
import io.signet.push.repository.PushTargetRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Pushes one claimed target: {@code users.settings.sendAs.patch} of the signature alone, as the
 * user, then records the outcome. Transient failures retry with Google's backoff (persisted, so a
 * restart resumes them), the project's quota errors slow the project down, a user's rate limit
 * holds that user alone until Google's time, a skewed clock retries with backoff, permanent ones
 * (one user's account refused included) stop with Google's reason, and a broken delegation or a
 * suspension pauses the whole tenant.
 */
@ApplicationScoped
public class SignaturePusher {

  private static final Logger LOG = Logger.getLogger(SignaturePusher.class);

  private final GmailSessions sessions;
  private final PushOutcomes outcomes;
  private final PushTargetRepository targets;
  private final ProjectBudgets budgets;
  private final PushMetrics metrics;
  private final GoogleBackoff backoff;
  private final int maxAttempts;

  /**
   * Clock-skew refusals in a row, any tenant's: a skewed clock is this deployment's, so its backoff
   * is shared, and it never counts toward a target's attempts (it is no target's fault).
   */
  private final AtomicInteger clockSkewStreak = new AtomicInteger();

  public SignaturePusher(
      GmailSessions sessions,
      PushOutcomes outcomes,
      PushTargetRepository targets,
      ProjectBudgets budgets,
      PushMetrics metrics,
      PushConfig config) {
    this.sessions = sessions;
    this.outcomes = outcomes;
    this.targets = targets;
    this.budgets = budgets;
    this.metrics = metrics;
    this.backoff =
        new GoogleBackoff(config.backoffBase(), config.backoffCap(), Duration.ofMillis(1000));
    this.maxAttempts = config.maxAttempts();
  }

  /** Pushes the target, whose project's quota was already taken for this call. */
  public void push(ClaimedTarget target) {
    String project = target.project();
    int attempts = target.attempts() + 1;
    GmailSessions.Session session = sessions.of(target.tenantId(), target.subject());
    try {
      SendAs stored =
          session
              .gmail()
              .users()
              .settings()
              .sendAs()
              .patch("me", target.sendAsEmail(), new SendAs().setSignature(target.html()))
              // a signature is a few hundred bytes: compressing it costs more than it saves
              .setDisableGZipContent(true)
              .execute();
      budgets.of(project).succeeded(System.nanoTime());
      clockSkewStreak.set(0);
      outcomes.applied(target, SignatureDigest.ofStored(stored.getSignature()), attempts);
    } catch (IOException | RuntimeException e) {
      failed(target, project, attempts, PushFailure.of(e, session.credentials().lastRefusal()));
    }
  }

  private void failed(ClaimedTarget target, String project, int attempts, PushFailure failure) {
    LOG.debugf(
        "%s/%s: %s (attempt %d)",
        target.tenantId(), target.sendAsEmail(), failure.detail(), attempts);
    switch (failure.kind()) {
      case PROJECT_QUOTA -> {
        budgets.of(project).quotaExceeded(System.nanoTime());
        metrics.quotaError(project, failure.reason());
        // a quota refusal is not the content's fault: it does not count toward the attempts
        outcomes.retry(target, target.attempts(), retryAt(failure, attempts), failure);
      }
      case USER_QUOTA ->
          // the user's limit, not the project's: the project's pace stays, the user waits until
          // Google's time (or backs off when Google names none), every address of the user alike
          outcomes.userLimited(target, retryAt(failure, attempts), failure);
      case CLOCK_SKEW -> {
        metrics.clockSkew();
        int streak = clockSkewStreak.getAndIncrement();
        Instant at = Instant.now().plus(backoff.delay(streak, ThreadLocalRandom.current()));
        LOG.warnf(
            "Google refused a token for a skewed clock (check tenant-service's host clock): %s",
            failure.detail());
        outcomes.retry(target, target.attempts(), at, failure);
      }
      case RETRY -> {
        if (attempts >= maxAttempts) {
          outcomes.failed(target, attempts, exhausted(failure, attempts));
        } else {
          outcomes.retry(target, attempts, retryAt(failure, attempts), failure);
        }
      }
      case FAILED -> outcomes.failed(target, attempts, failure);
      case TENANT_BROKEN -> {
        if (outcomes.tenantBroken(target, attempts, failure)) {
          LOG.warnf("tenant %s paused: %s", target.tenantId(), failure.detail());
        }
      }
      case TENANT_SUSPENDED -> {
        targets.release(target, Instant.now());
        outcomes.pauseTenant(target.tenantId(), failure.reason());
      }
    }
  }

  private Instant retryAt(PushFailure failure, int attempts) {
    Instant backedOff =
        Instant.now().plus(backoff.delay(attempts - 1, ThreadLocalRandom.current()));
    if (failure.retryAfter() != null && failure.retryAfter().isAfter(backedOff)) {
      return failure.retryAfter();
    }
    return backedOff;
  }

  private static PushFailure exhausted(PushFailure last, int attempts) {
    return new PushFailure(
        PushFailure.Kind.FAILED,
        last.reason(),
        "gave up after " + attempts + " attempts: " + last.detail(),
        null);
  }
}
