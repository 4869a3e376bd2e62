package io.signet.tenant.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** The operator's one shared service account. */
@ApplicationScoped
public class SharedServiceAccountRepository
    implements PanacheRepositoryBase<SharedServiceAccountEntity, Integer> {

  public Optional<SharedServiceAccountEntity> current() {
    return findByIdOptional(1);
  }
}
