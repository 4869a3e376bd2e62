package io.signet.render.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.signet.events.DirectoryUser;
import io.signet.events.RenderCause;
import io.signet.events.SendAsSnapshot;
import io.signet.events.SignatureRendered;
import io.signet.events.Topics;
import io.signet.render.messaging.SignatureProducer;
import io.signet.render.repository.DirectoryUserEntity;
import io.signet.render.repository.EmittedSignatureEntity;
import io.signet.render.repository.Repositories;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Renders users and emits {@code SignatureRendered} only when a user's targets really changed
 * (their hashes differ from the last emitted), with the cause, or when the user's directory record
 * changed (push-service then retries what failed for the user's account). Kafka acknowledges a
 * batch before its hashes are recorded, so a crash re-emits at most that batch.
 */
@ApplicationScoped
public class RenderPipeline {

  private static final Logger LOG = Logger.getLogger(RenderPipeline.class);

  /**
   * Planner statistics are refreshed every this many batches: tables that grow from nothing
   * otherwise keep being scanned whole for each batch's lookups.
   */
  private static final int ANALYZE_EVERY = 20;

  private static final ReentrantLock[] TENANT_LOCKS = newLocks(64);

  private final java.util.concurrent.atomic.AtomicLong batches =
      new java.util.concurrent.atomic.AtomicLong();

  private final TenantRenderContext contexts;
  private final Repositories.Users users;
  private final Repositories.Emitted emitted;
  private final Repositories.SendAs sendAs;
  private final SignatureProducer producer;
  private final io.micrometer.core.instrument.MeterRegistry metrics;

  public RenderPipeline(
      TenantRenderContext contexts,
      Repositories.Users users,
      Repositories.Emitted emitted,
      Repositories.SendAs sendAs,
      SignatureProducer producer,
      io.micrometer.core.instrument.MeterRegistry metrics) {
    this.contexts = contexts;
    this.users = users;
    this.emitted = emitted;
    this.sendAs = sendAs;
    this.producer = producer;
    this.metrics = metrics;
  }

  /**
   * Renders some users of a tenant and publishes the signatures that changed. For cause {@code
   * DIRECTORY}, a user whose directory record differs from the one last emitted for is published
   * even when the signature is the same: that change is when push-service tries again what failed
   * for the user's account. A record delivered again, or a batch retried after its publish, is not
   * published twice (the record's hash is stored with the targets' after Kafka acknowledged).
   *
   * @return how many signatures were emitted
   */
  public int render(String tenantId, List<DirectoryUser> batch, RenderCause cause) {
    // one render of a tenant's users at a time (a directory batch and a tenant re-render may meet):
    // each reads the hashes the other stored, so no signature is emitted twice
    // and fair: a directory change waiting behind a re-render's batch goes next, not after it
    Lock lock = TENANT_LOCKS[Math.floorMod(tenantId.hashCode(), TENANT_LOCKS.length)];
    lock.lock();
    try {
      return renderLocked(tenantId, batch, cause);
    } finally {
      lock.unlock();
    }
  }

  private int renderLocked(String tenantId, List<DirectoryUser> batch, RenderCause cause) {
    Optional<TenantRenderContext.Context> context = contexts.load(tenantId);
    if (context.isEmpty()) {
      return 0;
    }
    if (batches.getAndIncrement() % ANALYZE_EVERY == 0) {
      QuarkusTransaction.requiringNew()
          .run(
              () ->
                  emitted
                      .getEntityManager()
                      .createNativeQuery("ANALYZE directory_user, emitted_signature")
                      .executeUpdate());
    }
    Instant now = Instant.now();
    List<SignatureRendered> events = new ArrayList<>();
    List<String> tombstones = new ArrayList<>();
    List<EmittedSignatureEntity> hashes = new ArrayList<>();
    // as last emitted, kept up to date through the batch: a batch may hold a user twice
    Map<String, EmittedSignatureEntity> known =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    emitted
                        .list(
                            "key.tenantId = ?1 and key.userId in ?2",
                            tenantId,
                            batch.stream().map(DirectoryUser::userId).toList())
                        .stream()
                        .collect(Collectors.toMap(e -> e.key.userId(), e -> e)));
    List<String> userIds = batch.stream().map(DirectoryUser::userId).toList();
    Map<String, SendAsSnapshot> gmail =
        QuarkusTransaction.requiringNew().call(() -> sendAs.of(tenantId, userIds));
    for (DirectoryUser user : batch) {
      Optional<SignatureRendered> event =
          renderOne(context.get(), user, gmail.get(user.userId()), cause, now);
      String hash = event.map(RenderPipeline::targetsHash).orElse("none");
      EmittedSignatureEntity previous = known.get(user.userId());
      // a user whose directory record changed since the last emit is published even when the
      // signature is the same: push-service retries what failed for the user's account
      boolean republish =
          cause == RenderCause.DIRECTORY
              && event.isPresent()
              && previous != null
              && !java.util.Objects.equals(user.contentHash(), previous.directoryHash);
      if (previous == null ? event.isEmpty() : hash.equals(previous.targetsHash) && !republish) {
        continue;
      }
      if (event.isPresent()) {
        events.add(event.get());
      } else {
        tombstones.add(Topics.userKey(tenantId, user.userId()));
      }
      EmittedSignatureEntity row = new EmittedSignatureEntity();
      row.key = new DirectoryUserEntity.Key(tenantId, user.userId());
      row.targetsHash = hash;
      row.directoryHash = user.contentHash();
      hashes.add(row);
      known.put(user.userId(), row);
    }
    if (!events.isEmpty() || !tombstones.isEmpty()) {
      producer.publish(events, tombstones);
      QuarkusTransaction.requiringNew()
          .run(() -> hashes.forEach(emitted.getEntityManager()::merge));
    }
    metrics
        .counter("signet_render_signatures_emitted_total", "cause", cause.name())
        .increment(events.size());
    return events.size() + tombstones.size();
  }

  private static ReentrantLock[] newLocks(int count) {
    ReentrantLock[] locks = new ReentrantLock[count];
    java.util.Arrays.setAll(locks, i -> new ReentrantLock(true));
    return locks;
  }

  /**
   * A user's signatures now, or empty when the user gets none (suspended, archived, no rule).
   *
   * @param gmail the user's sendAs list as push-service last read it, or null
   */
  Optional<SignatureRendered> renderOne(
      TenantRenderContext.Context context,
      DirectoryUser user,
      SendAsSnapshot gmail,
      RenderCause cause,
      Instant now) {
    if (user.suspended() || user.archived()) {
      return Optional.empty();
    }
    Optional<AssignmentRule> rule = AssignmentRule.choose(context.rules(), user);
    if (rule.isEmpty() || !context.templates().containsKey(rule.get().templateId())) {
      return Optional.empty();
    }
    SignatureRenderer.Result result =
        SignatureRenderer.render(
            user,
            SendAsTargets.of(
                user, rule.get(), gmail, context.domains(), context.createAliasSendAs()),
            rule.get(),
            context.templates().get(rule.get().templateId()),
            context.tenant(),
            context.campaigns(),
            now);
    result
        .errors()
        .forEach(
            error -> {
              metrics.counter("signet_render_errors_total", "reason", error.kind()).increment();
              LOG.warnf("tenant %s user %s: %s", user.tenantId(), user.userId(), error.reason());
            });
    if (result.targets().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new SignatureRendered(
            UUID.randomUUID().toString(),
            now,
            SignatureRendered.SCHEMA_VERSION,
            user.tenantId(),
            user.userId(),
            result.targets(),
            rule.get().templateId(),
            context.templateVersions().get(rule.get().templateId()),
            cause,
            result.aliasesWithoutSendAs()));
  }

  /** What was emitted: the targets, and the aliases without sendAs when there are some. */
  private static String targetsHash(SignatureRendered event) {
    String targets =
        event.targets().stream()
            .map(target -> target.sendAsEmail() + "=" + target.contentHash())
            .collect(Collectors.joining(","));
    return event.aliasesWithoutSendAs().isEmpty()
        ? targets
        : targets + "|without-send-as:" + String.join(",", event.aliasesWithoutSendAs());
  }
}
