package io.signet.push.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.signet.push.config.PushConfig;
import io.signet.push.repository.ClaimedTarget;
import io.signet.push.repository.PushTargetRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jboss.logging.Logger;

/**
 * The push loop of this replica: leases due targets from the shared state a couple of seconds of
 * quota at a time (single-user changes first, tenants in turn), then hands each to a worker as soon
 * as its project's budget and its user's allow. Workers make the Gmail calls, so the calls in
 * flight fill the quota whatever Google's latency.
 */
@ApplicationScoped
public class PushDispatcher {

  private static final Logger LOG = Logger.getLogger(PushDispatcher.class);
  private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
  private static final long REFILL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
  private static final int MIN_CLAIM = 8;
  private static final long ALL_BUSY = -1;
  private static final int MAX_BATCH = 1000;
  private static final int USERS_KEPT = 20_000;

  /** Seconds of one user's quota that may be spent at once. */
  private static final double USER_BURST_SECONDS = 10;

  private final PushTargetRepository targets;
  private final SignaturePusher pusher;
  private final ProjectBudgets budgets;
  private final TenantGate gate;
  private final Replicas replicas;
  private final PushMetrics metrics;
  private final PushConfig config;
  private final TransactionSynchronizationRegistry transactions;
  private final Deque<Claimed> urgent = new ArrayDeque<>();
  private final Deque<Claimed> bulk = new ArrayDeque<>();
  private final Map<String, QuotaBucket> users =
      new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, QuotaBucket> eldest) {
          return size() > USERS_KEPT;
        }
      };
  private final Semaphore slots;
  private final ExecutorService workers;
  private volatile boolean running;
  private volatile Thread loop;
  private long refilledAt;

  public PushDispatcher(
      PushTargetRepository targets,
      SignaturePusher pusher,
      ProjectBudgets budgets,
      TenantGate gate,
      Replicas replicas,
      PushMetrics metrics,
      PushConfig config,
      TransactionSynchronizationRegistry transactions) {
    this.targets = targets;
    this.pusher = pusher;
    this.budgets = budgets;
    this.gate = gate;
    this.replicas = replicas;
    this.metrics = metrics;
    this.config = config;
    this.transactions = transactions;
    this.slots = new Semaphore(config.workers());
    this.workers =
        Executors.newFixedThreadPool(
            config.workers(),
            runnable -> {
              Thread thread = new Thread(runnable, "push-worker");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** A leased target and when this replica leased it. */
  private record Claimed(ClaimedTarget target, long claimedAt) {}

  void start(@Observes StartupEvent event) {
    running = true;
    loop = new Thread(this::run, "push-dispatcher");
    loop.setDaemon(true);
    loop.start();
  }

  void stop(@Observes ShutdownEvent event) {
    running = false;
    Thread thread = loop;
    if (thread != null) {
      thread.interrupt();
    }
    workers.shutdown();
    try {
      workers.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * New work may be due: look now rather than at the next poll. Called inside a transaction, the
   * loop looks once it commits (a claim before then would not see the work, and the loop would
   * sleep past it).
   */
  public void wake() {
    if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
      transactions.registerInterposedSynchronization(
          new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
              unpark();
            }
          });
    } else {
      unpark();
    }
  }

  private void unpark() {
    Thread thread = loop;
    if (thread != null) {
      LockSupport.unpark(thread);
    }
  }

  private void run() {
    while (running) {
      try {
        step();
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        LOG.warnf(e, "push loop failed; again in 1 s");
        LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
      }
    }
  }

  private void step() {
    long now = System.nanoTime();
    int batch = batchSize();
    int held = urgent.size() + bulk.size();
    boolean due = now - refilledAt >= REFILL_NANOS;
    if (held < batch && (held <= batch / 2 || due)) {
      refill(batch - held, 1);
      refilledAt = now;
    } else if (due && urgent.size() < MIN_CLAIM) {
      // a single user's change does not wait behind a full batch of bulk work
      refill(MIN_CLAIM - urgent.size(), 0);
      refilledAt = now;
    }
    if (urgent.isEmpty() && bulk.isEmpty()) {
      LockSupport.parkNanos(IDLE_NANOS);
      return;
    }
    long wait = dispatchAll(urgent, Long.MAX_VALUE);
    if (wait != ALL_BUSY) {
      wait = dispatchAll(bulk, wait);
    }
    if (wait == ALL_BUSY) {
      LockSupport.parkNanos(REFILL_NANOS); // a worker that finishes wakes the loop
    } else if (wait != Long.MAX_VALUE) {
      long park = Math.min(wait, REFILL_NANOS);
      metrics.throttled(park);
      LockSupport.parkNanos(park);
    }
  }

  /**
   * Hands the queue's targets to workers while budgets allow.
   *
   * @return the shortest wait for a budget seen (or {@code wait} if shorter), {@link #ALL_BUSY}
   *     when every worker is busy
   */
  private long dispatchAll(Deque<Claimed> queue, long wait) {
    long now = System.nanoTime();
    long stale = config.lease().toNanos() / 2;
    Set<String> blocked = new HashSet<>();
    for (Iterator<Claimed> it = queue.iterator(); it.hasNext(); ) {
      Claimed claimed = it.next();
      ClaimedTarget target = claimed.target();
      if (gate.claimedBeforePause(target.tenantId(), claimed.claimedAt())
          || now - claimed.claimedAt() > stale) {
        it.remove(); // paused meanwhile, or held too long for its lease: back to the table
        targets.release(target, Instant.now());
        continue;
      }
      if (blocked.contains(target.project())) {
        continue;
      }
      long projectWait = budgets.tryTake(target.project(), config.writeCost());
      if (projectWait > 0) {
        blocked.add(target.project());
        wait = Math.min(wait, projectWait);
        continue;
      }
      QuotaBucket user = userBucket(target);
      long userWait = user.tryTake(config.writeCost(), now);
      if (userWait > 0) {
        budgets.of(target.project()).refund(config.writeCost());
        it.remove();
        targets.release(target, Instant.now().plusNanos(userWait));
        continue;
      }
      if (!slots.tryAcquire()) {
        budgets.of(target.project()).refund(config.writeCost());
        user.refund(config.writeCost());
        return ALL_BUSY;
      }
      it.remove();
      workers.execute(
          () -> {
            try {
              pusher.push(target);
            } catch (RuntimeException e) {
              LOG.errorf(e, "push of %s/%s failed", target.tenantId(), target.sendAsEmail());
            } finally {
              slots.release();
              unpark();
            }
          });
    }
    return wait;
  }

  private void refill(int count, int maxPriority) {
    for (ClaimedTarget target :
        targets.claim(replicas.instanceId(), config.lease(), count, maxPriority)) {
      Claimed claimed = new Claimed(target, System.nanoTime());
      (target.priority() == 0 ? urgent : bulk).add(claimed);
    }
  }

  /** About two seconds of this replica's quota, so leased work never waits long in memory. */
  private int batchSize() {
    double writesPerSecond =
        config.projectUnitsPerMinute() * budgets.share() / config.writeCost() / 60.0;
    return (int) Math.max(MIN_CLAIM * 2, Math.min(MAX_BATCH, Math.ceil(writesPerSecond * 2)));
  }

  private QuotaBucket userBucket(ClaimedTarget target) {
    return users.computeIfAbsent(
        target.tenantId() + "/" + target.userId(),
        key -> new QuotaBucket(config.userUnitsPerMinute(), USER_BURST_SECONDS, System.nanoTime()));
  }
}
