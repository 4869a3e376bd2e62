package io.signet.render.repository;

import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * The hash of a user's targets as last emitted (equal means nothing to emit), and of the directory
 * record they were rendered from.
 */
@Entity
@Table(name = "emitted_signature")
public class EmittedSignatureEntity {

  @EmbeddedId public DirectoryUserEntity.Key key;

  @Column(name = "targets_hash")
  public String targetsHash;

  /** The {@code contentHash} of the directory record last emitted for; null when not known. */
  @Column(name = "directory_hash")
  public String directoryHash;
}
