package io.signet.directory.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A tenant's users.watch channel; its token authenticates Google's notifications. */
@Entity
@Table(name = "watch_channel")
public class WatchChannelEntity {

  @Id
  @Column(name = "tenant_id")
  public String tenantId;

  @Column(name = "channel_id")
  public String channelId;

  @Column(name = "resource_id")
  public String resourceId;

  public String token;

  public Instant expiration;

  /** When the channel was opened (null for channels opened before this was recorded). */
  @Column(name = "opened_at")
  public Instant openedAt;
}
