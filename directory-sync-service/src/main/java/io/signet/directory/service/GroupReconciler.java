package io.signet.directory.service;

import com.google.api.services.directory.model.User;
import io.signet.directory.config.GroupSyncConfig;
import io.signet.directory.repository.TenantEntity;
import io.signet.events.DirectoryUser;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Brings group changes to users: Google's users.watch does not fire on membership changes, so a
 * tenant's groups are read again every interval into a new generation of its graph, and the users
 * whose expanded groups differ are read and emitted (only they: the diff is exact). Many of them at
 * once become a full sync. A read that fails, or that another read overtook, changes nothing and
 * the next interval finds the same difference.
 */
@ApplicationScoped
public class GroupReconciler {

  private static final Logger LOG = Logger.getLogger(GroupReconciler.class);
  private static final int EMIT_BATCH = 100;

  private final GroupGraph groups;
  private final TenantDirectoryReader reader;
  private final UserChanges changes;
  private final SyncRuns runs;
  private final SyncCoordinator coordinator;
  private final DirectoryMetrics metrics;
  private final Duration interval;
  private final int maxUserReads;

  public GroupReconciler(
      GroupGraph groups,
      TenantDirectoryReader reader,
      UserChanges changes,
      SyncRuns runs,
      SyncCoordinator coordinator,
      DirectoryMetrics metrics,
      GroupSyncConfig config) {
    this.groups = groups;
    this.reader = reader;
    this.changes = changes;
    this.runs = runs;
    this.coordinator = coordinator;
    this.metrics = metrics;
    this.interval = config.reconcileInterval();
    this.maxUserReads = config.maxUserReads();
  }

  /** What one reconciliation did. */
  public enum Outcome {
    /** not due, never read completely, or a full sync is under way (it reads the groups) */
    SKIPPED,
    UNCHANGED,
    USERS_EMITTED,
    FULL_SYNC,
    /** another read replaced the graph meanwhile; this one was dropped */
    SUPERSEDED,
    FAILED
  }

  /** Reconciles one tenant's groups if its interval has passed. */
  public Outcome reconcile(TenantEntity tenant) {
    if (runs.unfinished(tenant.id).isPresent()
        || !groups.claimReconciliation(tenant.id, interval)) {
      return Outcome.SKIPPED;
    }
    Optional<UUID> before = groups.current(tenant.id);
    if (before.isEmpty()) {
      return Outcome.SKIPPED;
    }
    UUID after = UUID.randomUUID();
    QueryPacer pacer = groups.pacer();
    int usersChanged = 0;
    Outcome outcome;
    try {
      TenantDirectoryReader.Session directory = reader.open(tenant.id, tenant.adminEmail);
      groups.read(directory, tenant.id, after, pacer);
      Map<String, List<String>> changed = groups.changedUsers(tenant.id, before.get(), after);
      usersChanged = changed.size();
      if (changed.isEmpty()) {
        outcome = Outcome.UNCHANGED;
      } else if (changed.size() > maxUserReads) {
        groups.discard(tenant.id, after); // the full sync reads the groups again
        coordinator.requestFull(tenant.id, "GROUPS");
        outcome = Outcome.FULL_SYNC;
      } else {
        emit(directory, tenant.id, changed, pacer);
        outcome = Outcome.USERS_EMITTED;
      }
      // committed only after the users were emitted: a failure above leaves the old graph, so the
      // next interval finds the same difference (what was emitted already is deduplicated by hash)
      if (outcome != Outcome.FULL_SYNC && !groups.commitIfCurrent(tenant.id, after, before.get())) {
        outcome = Outcome.SUPERSEDED;
      }
    } catch (RuntimeException e) {
      groups.discard(tenant.id, after);
      LOG.warnf("tenant %s: groups not reconciled: %s", tenant.id, e.getMessage());
      outcome = Outcome.FAILED;
    }
    metrics.groupReconciliation(outcome.name().toLowerCase(), pacer.queries(), usersChanged);
    LOG.debugf(
        "tenant %s: groups reconciled (%s) with %d Directory queries, %d users changed",
        tenant.id, outcome, pacer.queries(), usersChanged);
    return outcome;
  }

  /** Reads each changed user (users.get, one query each) and emits it with its new groups. */
  private void emit(
      TenantDirectoryReader.Session directory,
      String tenantId,
      Map<String, List<String>> changed,
      QueryPacer pacer) {
    List<DirectoryUser> batch = new ArrayList<>();
    for (Map.Entry<String, List<String>> user : changed.entrySet()) {
      pacer.acquire();
      User read;
      try {
        read = directory.user(user.getKey());
      } catch (GoogleCallFailed e) {
        if (e.reason().endsWith("notFound")) {
          continue; // a member outside the tenant's users (an external address) or one just deleted
        }
        throw e;
      }
      batch.add(UserMapper.event(tenantId, read, user.getValue()));
      if (batch.size() == EMIT_BATCH) {
        changes.apply(tenantId, batch, null);
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      changes.apply(tenantId, batch, null);
    }
  }
}
