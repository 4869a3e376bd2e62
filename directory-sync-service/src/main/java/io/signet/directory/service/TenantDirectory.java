package io.signet.directory.service;

import io.signet.directory.repository.TenantEntity;
import io.signet.directory.repository.TenantRepository;
import io.signet.events.TenantSnapshot;
import io.signet.events.TenantStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The tenants this service knows, from {@code signet.tenants}. */
@ApplicationScoped
public class TenantDirectory {

  private final TenantRepository tenants;

  public TenantDirectory(TenantRepository tenants) {
    this.tenants = tenants;
  }

  /**
   * Records a snapshot.
   *
   * @return whether the tenant just became ACTIVE
   */
  @Transactional
  public boolean apply(TenantSnapshot snapshot) {
    TenantEntity tenant = tenants.findById(snapshot.tenantId());
    boolean wasActive = tenant != null && tenant.status == TenantStatus.ACTIVE;
    boolean created = tenant == null;
    if (created) {
      tenant = new TenantEntity();
      tenant.id = snapshot.tenantId();
    }
    tenant.adminEmail = snapshot.adminEmail();
    tenant.domains = String.join(" ", snapshot.domains());
    tenant.status = snapshot.status();
    tenant.syncIntervalSeconds = snapshot.syncIntervalSeconds();
    tenant.updatedAt = Instant.now();
    if (created) {
      tenants.persist(tenant);
    }
    return !wasActive && snapshot.status() == TenantStatus.ACTIVE;
  }

  @Transactional
  public void forget(String tenantId) {
    tenants.deleteById(tenantId);
  }

  @Transactional
  public Optional<TenantEntity> find(String tenantId) {
    return tenants.findByIdOptional(tenantId);
  }

  /** Active tenants whose last full sync is older than their interval. */
  @Transactional
  public List<TenantEntity> dueForSync(Instant now) {
    return tenants.active().stream()
        .filter(
            tenant ->
                tenant.syncIntervalSeconds > 0
                    && (tenant.lastFullSyncAt == null
                        || tenant
                            .lastFullSyncAt
                            .plusSeconds(tenant.syncIntervalSeconds)
                            .isBefore(now)))
        .toList();
  }

  @Transactional
  public List<TenantEntity> active() {
    return tenants.active();
  }
}
