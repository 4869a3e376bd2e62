package io.signet.render.repository;

import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A user's latest {@code SendAsSnapshot}: the addresses Gmail lets the user send as. */
@Entity
@Table(name = "send_as")
public class SendAsEntity {

  @EmbeddedId public DirectoryUserEntity.Key key;

  /** The event as JSON. */
  public String payload;
}
