package io.signet.tenant.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** Live (not deleted) tenants and their domains. */
@ApplicationScoped
public class TenantRepository implements PanacheRepositoryBase<TenantEntity, String> {

  public Optional<TenantEntity> findLive(String id) {
    return findByIdOptional(id).filter(tenant -> tenant.deletedAt == null);
  }

  /**
   * The live tenant, its row locked until the transaction ends. The row is locked before the entity
   * is read: Hibernate locks an entity with its eager domains only after reading it (no FOR UPDATE
   * on an outer join), which would read the state from before the lock.
   */
  public Optional<TenantEntity> findLiveForUpdate(String id) {
    boolean exists =
        !getEntityManager()
            .createNativeQuery("SELECT id FROM tenant WHERE id = ?1 FOR UPDATE")
            .setParameter(1, id)
            .getResultList()
            .isEmpty();
    return exists ? findLive(id) : Optional.empty();
  }

  public List<TenantEntity> page(int page, int size) {
    return find("deletedAt is null", Sort.by("createdAt").and("id"))
        .page(Page.of(page, size))
        .list();
  }

  public long countLive() {
    return count("deletedAt is null");
  }

  /** The live tenant that owns a domain, if any. */
  public Optional<String> ownerOfDomain(String domain) {
    return getEntityManager()
        .createQuery(
            "select d.tenant.id from TenantDomainEntity d where d.domain = :domain", String.class)
        .setParameter("domain", domain)
        .getResultStream()
        .findFirst();
  }
}
