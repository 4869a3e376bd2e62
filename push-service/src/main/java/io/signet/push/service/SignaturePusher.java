package io.signet.push.service;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.gmail.model.SendAs;
import io.signet.google.GoogleBackoff;
import io.signet.push.config.PushConfig;
import io.signet.push.repository.ClaimedTarget;
import io.signet.push.repository.PushTargetRepository;
import io.signet.push.repository.PushTenantRepository;
import io.signet.push.repository.PushUserRepository;
import io.signet.support.broker.BrokerRefusal;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
  private final SendAsLists sendAsLists;
  private final PushUserRepository users;
  private final PushTenantRepository tenants;
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
      SendAsLists sendAsLists,
      PushUserRepository users,
      PushTenantRepository tenants,
      PushOutcomes outcomes,
      PushTargetRepository targets,
      ProjectBudgets budgets,
      PushMetrics metrics,
      PushConfig config) {
    this.sessions = sessions;
    this.sendAsLists = sendAsLists;
    this.users = users;
    this.tenants = tenants;
    this.outcomes = outcomes;
    this.targets = targets;
    this.budgets = budgets;
    this.metrics = metrics;
    this.backoff =
        new GoogleBackoff(config.backoffBase(), config.backoffCap(), Duration.ofMillis(1000));
    this.maxAttempts = config.maxAttempts();
  }

  /**
   * Pushes the target, whose project's quota was already taken for this call. The address must be
   * one of the user's sendAs entries in Gmail: the user's list is read before the first push to the
   * user, and again when the list last read lacks the address or Gmail answers 404 for it. An
   * address Gmail lacks gets its sendAs created (carrying the signature) when the tenant allows it,
   * and otherwise ends FAILED {@code no-send-as}.
   */
  public void push(ClaimedTarget target) {
    String project = target.project();
    int attempts = target.attempts() + 1;
    GmailSessions.Session session = sessions.of(target.tenantId(), target.subject());
    try {
      SendAs stored = write(target, session);
      if (stored == null) {
        outcomes.failed(target, attempts, PushFailure.noSendAs(target.sendAsEmail()));
        return;
      }
      budgets.of(project).succeeded(System.nanoTime());
      clockSkewStreak.set(0);
      outcomes.applied(target, SignatureDigest.ofStored(stored.getSignature()), attempts);
    } catch (SharingRefused e) {
      // the option asks for gmail.settings.sharing, the grant lacks it: this address fails, the
      // tenant's signatures go on
      outcomes.failed(target, attempts, PushFailure.sharingRefused(e.refusal));
    } catch (IOException | RuntimeException e) {
      failed(target, project, attempts, PushFailure.of(e, session.credentials().lastRefusal()));
    }
  }

  /** The broker refused a token with gmail.settings.sharing, to create a sendAs. */
  private static final class SharingRefused extends IOException {
    private final transient BrokerRefusal refusal;

    SharingRefused(BrokerRefusal refusal, Throwable cause) {
      super(refusal.getMessage(), cause);
      this.refusal = refusal;
    }
  }

  /**
   * @return what Gmail stored, or null when the address is no sendAs of the user
   */
  private SendAs write(ClaimedTarget target, GmailSessions.Session session) throws IOException {
    PushUserRepository.PushUser user = users.find(target.tenantId(), target.userId()).orElse(null);
    List<SendAs> listed = null;
    if (user == null || !user.hasSendAs(target.sendAsEmail())) {
      listed = list(target, session);
      if (!SendAsLists.has(listed, target.sendAsEmail())) {
        return createIfAllowed(target, listed);
      }
    }
    try {
      return session
          .gmail()
          .users()
          .settings()
          .sendAs()
          .patch("me", target.sendAsEmail(), new SendAs().setSignature(target.html()))
          // a signature is a few hundred bytes: compressing it costs more than it saves
          .setDisableGZipContent(true)
          .execute();
    } catch (GoogleJsonResponseException e) {
      if (e.getStatusCode() != 404 || listed != null) {
        throw e;
      }
      // the address was a sendAs when last listed: read what Gmail holds now
      listed = list(target, session);
      if (SendAsLists.has(listed, target.sendAsEmail())) {
        throw e;
      }
      return createIfAllowed(target, listed);
    }
  }

  private List<SendAs> list(ClaimedTarget target, GmailSessions.Session session)
      throws IOException {
    return sendAsLists.read(
        target.tenantId(), target.userId(), target.subject(), target.project(), session.gmail());
  }

  /**
   * Creates the missing sendAs of a Directory alias, with the signature, when the tenant lets
   * Signet (its delegation then grants gmail.settings.sharing): the write already paid for.
   */
  private SendAs createIfAllowed(ClaimedTarget target, List<SendAs> listed) throws IOException {
    if (!tenants.createsAliasSendAs(target.tenantId())) {
      return null;
    }
    GmailSessions.Session sharing = sessions.sharing(target.tenantId(), target.subject());
    try {
      SendAs created =
          sharing
              .gmail()
              .users()
              .settings()
              .sendAs()
              .create(
                  "me",
                  new SendAs()
                      .setSendAsEmail(target.sendAsEmail())
                      .setTreatAsAlias(true)
                      .setSignature(target.html()))
              .setDisableGZipContent(true)
              .execute();
      sendAsLists.created(target.tenantId(), target.userId(), target.subject(), listed, created);
      return created;
    } catch (IOException | RuntimeException e) {
      BrokerRefusal refusal = sharing.credentials().lastRefusal();
      if (refusal != null) {
        // the grant lacks gmail.settings.sharing: the tenant's option asks for more than it gave
        throw new SharingRefused(refusal, e);
      }
      throw e;
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
