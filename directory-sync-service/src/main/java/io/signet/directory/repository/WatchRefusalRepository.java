package io.signet.directory.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** Refused users.watch calls by tenant. */
@ApplicationScoped
public class WatchRefusalRepository implements PanacheRepositoryBase<WatchRefusalEntity, String> {}
