package io.signet.render.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;

/** A user's latest {@code DirectoryUser} event, kept so a template change needs no Google call. */
@Entity
@Table(name = "directory_user")
public class DirectoryUserEntity {

  @EmbeddedId public Key key;

  @Column(name = "content_hash")
  public String contentHash;

  /** The event as JSON. */
  public String payload;

  /** (tenant, Google user id). */
  @Embeddable
  public record Key(
      @Column(name = "tenant_id") String tenantId, @Column(name = "user_id") String userId)
      implements Serializable {}
}
