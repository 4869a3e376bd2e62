package io.signet.directory.service;

import com.google.api.services.directory.model.User;
import com.google.api.services.directory.model.Users;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.signet.directory.config.DirectorySyncConfig;
import io.signet.directory.repository.DirectoryUserRepository;
import io.signet.directory.repository.SyncRunEntity;
import io.signet.events.DirectoryUser;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * A full sync of one tenant: the group graph first (into PostgreSQL), then users page by page —
 * each page's changes emitted before its hashes are recorded — then, only when every page was read,
 * tombstones for the users no longer there. A failure part way records why and deletes nothing; a
 * read with a page Google answered without users, or one that would tombstone too much of the
 * tenant, is held for an operator instead (see {@link DeletionGuard}).
 */
@ApplicationScoped
public class FullSync {

  private static final Logger LOG = Logger.getLogger(FullSync.class);
  private static final int DELETE_BATCH = 500;
  private static final int ANALYZE_EVERY_PAGES = 20;

  private final TenantDirectoryReader reader;
  private final GroupGraph groups;
  private final DirectoryUserRepository users;
  private final UserChanges changes;
  private final SyncRuns runs;
  private final DirectoryMetrics metrics;
  private final int pageSize;
  private final DeletionGuard guard;
  private final TenantDirectory tenants;

  public FullSync(
      TenantDirectoryReader reader,
      GroupGraph groups,
      DirectoryUserRepository users,
      UserChanges changes,
      SyncRuns runs,
      DirectoryMetrics metrics,
      DirectorySyncConfig config,
      TenantDirectory tenants) {
    this.reader = reader;
    this.groups = groups;
    this.users = users;
    this.changes = changes;
    this.runs = runs;
    this.metrics = metrics;
    this.pageSize = config.pageSize();
    this.guard = new DeletionGuard(config.hold().deleteShare(), config.hold().minUsers());
    this.tenants = tenants;
  }

  /** A tenant suspended (or deleted) while its sync runs is read no further. */
  private boolean stillActive(String tenantId) {
    return tenants
        .find(tenantId)
        .map(tenant -> tenant.status == io.signet.events.TenantStatus.ACTIVE)
        .orElse(false);
  }

  public SyncRunEntity run(UUID runId, String tenantId, String adminEmail) {
    Instant started = Instant.now();
    runs.start(runId);
    try {
      TenantDirectoryReader.Session directory = reader.open(tenantId, adminEmail);
      // the run's id names its read of the group graph, current once every group was read
      groups.read(directory, tenantId, runId, groups.pacer());
      groups.commit(tenantId, runId);
      long knownBefore = runs.knownUsers(tenantId);
      Integer emptyPage = null;
      String pageToken = null;
      int pages = 0;
      do {
        if (pages++ % ANALYZE_EVERY_PAGES == 0) {
          QuarkusTransaction.requiringNew().run(users::analyze);
        }
        if (!stillActive(tenantId)) {
          return failed(
              runId,
              "tenant-not-active",
              "tenant-not-active: the tenant was suspended or deleted during the sync",
              started);
        }
        Users page = directory.usersPage(pageToken, pageSize);
        List<User> pageUsers = page.getUsers() == null ? List.of() : page.getUsers();
        Map<String, List<String>> memberships =
            groups.groupsOf(
                tenantId, runId, pageUsers.stream().map(User::getPrimaryEmail).toList());
        List<DirectoryUser> events =
            pageUsers.stream()
                .map(
                    user ->
                        UserMapper.event(
                            tenantId,
                            user,
                            memberships.getOrDefault(
                                user.getPrimaryEmail().toLowerCase(), List.of())))
                .toList();
        UserChanges.Emitted emitted = changes.apply(tenantId, events, runId);
        runs.progress(runId, pageUsers.size(), emitted.created(), emitted.changed());
        metrics.usersRead(pageUsers.size());
        pageToken = page.getNextPageToken();
        if (emptyPage == null
            && DeletionGuard.missingUsers(
                !pageUsers.isEmpty(), pageToken != null, pages, knownBefore)) {
          // Google sometimes answers 200 without the page's users: read on, but delete nothing
          LOG.warnf(
              "full sync %s of tenant %s: users.list page %d came without users",
              runId, tenantId, pages);
          emptyPage = pages;
        }
      } while (pageToken != null);
      Optional<String> hold =
          guard.holdReason(emptyPage, runs.unseen(tenantId, runId), knownBefore);
      if (hold.isPresent()) {
        SyncRunEntity held = runs.hold(runId, hold.get(), knownBefore);
        LOG.warnf("full sync %s of tenant %s HELD: %s", runId, tenantId, hold.get());
        metrics.syncHeld(DeletionGuard.kind(hold.get()));
        metrics.syncFinished("held", Duration.between(started, Instant.now()));
        return held;
      }
      deleteUnseen(runId, tenantId);
      metrics.syncFinished("succeeded", Duration.between(started, Instant.now()));
      return runs.succeed(runId);
    } catch (GoogleCallFailed e) {
      return failed(runId, e.reason(), e.reason() + ": " + e.getMessage(), started);
    } catch (RuntimeException e) {
      LOG.errorf(e, "full sync %s of tenant %s failed", runId, tenantId);
      return failed(runId, "internal", "internal: " + e.getMessage(), started);
    } finally {
      groups.discard(tenantId, runId);
    }
  }

  /** Only after a complete read: every user this run did not see is gone. */
  private void deleteUnseen(UUID runId, String tenantId) {
    List<String> gone;
    do {
      gone =
          QuarkusTransaction.requiringNew().call(() -> users.unseen(tenantId, runId, DELETE_BATCH));
      runs.deleted(runId, changes.delete(tenantId, gone));
    } while (gone.size() == DELETE_BATCH);
  }

  private SyncRunEntity failed(UUID runId, String reason, String detail, Instant started) {
    metrics.syncFailed(reason);
    metrics.syncFinished("failed", Duration.between(started, Instant.now()));
    return runs.fail(runId, detail);
  }
}
