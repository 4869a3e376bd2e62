package io.signet.directory.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Watch channels by tenant. */
@ApplicationScoped
public class WatchChannelRepository implements PanacheRepositoryBase<WatchChannelEntity, String> {

  public Optional<WatchChannelEntity> byChannelId(String channelId) {
    return find("channelId", channelId).firstResultOptional();
  }
}
