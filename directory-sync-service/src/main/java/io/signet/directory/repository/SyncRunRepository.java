package io.signet.directory.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Sync runs, newest first. */
@ApplicationScoped
public class SyncRunRepository implements PanacheRepositoryBase<SyncRunEntity, UUID> {

  public List<SyncRunEntity> recent(String tenantId, int limit) {
    return find("tenantId", Sort.descending("requestedAt"), tenantId).page(0, limit).list();
  }

  /** The tenant's run that is queued or running, if any. */
  public Optional<SyncRunEntity> unfinished(String tenantId) {
    return find(
            "tenantId = ?1 and state in (?2, ?3)",
            tenantId,
            SyncRunEntity.State.QUEUED,
            SyncRunEntity.State.RUNNING)
        .firstResultOptional();
  }

  /** Whether a run of the tenant started at or after {@code since}. */
  public boolean startedSince(String tenantId, java.time.Instant since) {
    return count("tenantId = ?1 and startedAt >= ?2", tenantId, since) > 0;
  }
}
