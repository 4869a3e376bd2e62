package io.signet.render.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.signet.events.DirectoryUser;
import io.signet.events.EventJson;
import io.signet.events.RenderCause;
import io.signet.render.config.RerenderConfig;
import io.signet.render.repository.DirectoryUserEntity;
import io.signet.render.repository.Repositories;
import io.signet.render.repository.RerenderJobEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Whole-tenant re-renders as durable work: queued in the transaction of the change that needs them,
 * merged per tenant, and run by a bounded pool a batch at a time, the tenant that waited longest
 * first, resuming from each job's cursor after a crash or a restart.
 */
@ApplicationScoped
public class Rerenders {

  private static final Logger LOG = Logger.getLogger(Rerenders.class);

  private final RenderPipeline pipeline;
  private final Repositories.RerenderJobs jobs;
  private final Repositories.Users users;
  private final Repositories.CampaignStates campaignStates;
  private final TransactionSynchronizationRegistry transactions;
  private final RerenderConfig config;
  private final Object wakeup = new Object();
  private long signals;
  private volatile boolean running = true;
  private ExecutorService workers;

  public Rerenders(
      RenderPipeline pipeline,
      Repositories.RerenderJobs jobs,
      Repositories.Users users,
      Repositories.CampaignStates campaignStates,
      TransactionSynchronizationRegistry transactions,
      RerenderConfig config) {
    this.pipeline = pipeline;
    this.jobs = jobs;
    this.users = users;
    this.campaignStates = campaignStates;
    this.transactions = transactions;
    this.config = config;
  }

  /**
   * Queues a re-render of every user of the tenant in the caller's transaction (the change and its
   * re-render commit or roll back together), or restarts the one already queued or running. The
   * campaigns live now are recorded as rendered: the pass shows them.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void tenant(String tenantId, RenderCause cause) {
    Instant now = Instant.now();
    jobs.enqueue(tenantId, cause, now);
    campaignStates.record(tenantId, now);
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
              wake();
            }
          }
        });
  }

  /** The tenant's latest re-render, if it ever had one. */
  @Transactional
  public Optional<RerenderJobEntity> status(String tenantId) {
    return jobs.findByIdOptional(tenantId);
  }

  /** A tenant that is gone has nothing left to render. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void forget(String tenantId) {
    jobs.deleteById(tenantId);
    campaignStates.forget(tenantId);
  }

  void onStart(@Observes StartupEvent event) {
    workers = Executors.newFixedThreadPool(Math.max(1, config.workers()));
    for (int i = 0; i < config.workers(); i++) {
      workers.submit(this::work);
    }
  }

  void onStop(@Observes ShutdownEvent event) {
    running = false;
    workers.shutdownNow();
    try {
      workers.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void work() {
    while (running) {
      long seen;
      synchronized (wakeup) {
        seen = signals;
      }
      boolean worked;
      try {
        worked = runBatch();
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        // the job's row and cursor are as before the batch: it is tried again after the pause
        LOG.warnf(e, "a re-render batch failed; trying again in %s", config.idlePoll());
        worked = false;
      }
      if (!worked && !idle(seen)) {
        return;
      }
    }
  }

  /** Waits for a wake-up or the poll interval; false when interrupted (shutting down). */
  private boolean idle(long seen) {
    synchronized (wakeup) {
      try {
        if (signals == seen) {
          wakeup.wait(config.idlePoll().toMillis());
        }
        return true;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  private void wake() {
    synchronized (wakeup) {
      signals++;
      wakeup.notifyAll();
    }
  }

  /**
   * Renders the next batch of the job that waited longest, holding its row lock meanwhile: the
   * cursor advances in the same transaction, and a change queued meanwhile waits for this batch to
   * commit, then restarts the pass.
   *
   * @return whether there was a batch to run
   */
  boolean runBatch() {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              Optional<RerenderJobEntity> claimed = jobs.claimNext();
              if (claimed.isEmpty()) {
                return false;
              }
              RerenderJobEntity job = claimed.get();
              if (job.state == RerenderJobEntity.State.PENDING) {
                job.state = RerenderJobEntity.State.RUNNING;
                job.startedAt = Instant.now();
                job.usersTotal = (int) users.count("key.tenantId", job.tenantId);
              }
              List<DirectoryUserEntity> page =
                  users.page(job.tenantId, job.cursorUserId, config.batchSize());
              if (!page.isEmpty()) {
                pipeline.render(
                    job.tenantId,
                    page.stream()
                        .map(row -> EventJson.read(row.payload, DirectoryUser.class))
                        .toList(),
                    job.cause);
                job.cursorUserId = page.get(page.size() - 1).key.userId();
                job.usersDone += page.size();
              }
              Instant now = Instant.now();
              job.updatedAt = now;
              job.lastBatchAt = now;
              if (page.size() < config.batchSize()) {
                job.state = RerenderJobEntity.State.DONE;
                job.finishedAt = now;
                job.usersTotal = job.usersDone;
                LOG.infof(
                    "tenant %s re-rendered (%s): %d user(s)",
                    job.tenantId, job.cause, job.usersDone);
              }
              return true;
            });
  }
}
