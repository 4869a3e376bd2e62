package io.signet.tenant.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Encrypted secrets by id. */
@ApplicationScoped
public class VaultSecretRepository implements PanacheRepositoryBase<VaultSecretEntity, UUID> {}
