package io.signet.directory.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.UUID;

/** The content hash last emitted for a user. */
@Entity
@Table(name = "directory_user")
public class DirectoryUserEntity {

  @EmbeddedId public Key key;

  @Column(name = "content_hash")
  public String contentHash;

  /** The full sync that last saw the user. */
  @Column(name = "seen_run")
  public UUID seenRun;

  /** (tenant, Google user id). */
  @Embeddable
  public record Key(
      @Column(name = "tenant_id") String tenantId, @Column(name = "user_id") String userId)
      implements Serializable {}
}
