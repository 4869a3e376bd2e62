package io.signet.directory.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.signet.events.TenantStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The tenants read model. */
@ApplicationScoped
public class TenantRepository implements PanacheRepositoryBase<TenantEntity, String> {

  public List<TenantEntity> active() {
    return list("status", TenantStatus.ACTIVE);
  }
}
