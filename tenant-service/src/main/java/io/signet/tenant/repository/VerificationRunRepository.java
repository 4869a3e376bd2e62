package io.signet.tenant.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Verification runs of a tenant, newest first. */
@ApplicationScoped
public class VerificationRunRepository
    implements PanacheRepositoryBase<VerificationRunEntity, UUID> {

  public Optional<VerificationRunEntity> latest(String tenantId) {
    return find("tenantId", Sort.descending("startedAt"), tenantId).firstResultOptional();
  }

  public List<VerificationRunEntity> history(String tenantId, int page, int size) {
    return find("tenantId", Sort.descending("startedAt"), tenantId)
        .page(Page.of(page, size))
        .list();
  }
}
