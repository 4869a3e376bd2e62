package io.signet.tenant.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The outbox: unpublished records in the order they were written. */
@ApplicationScoped
public class OutboxRepository implements PanacheRepositoryBase<OutboxEventEntity, Long> {

  public List<OutboxEventEntity> unpublished(int limit) {
    return find("publishedAt is null", Sort.by("id")).page(0, limit).list();
  }
}
