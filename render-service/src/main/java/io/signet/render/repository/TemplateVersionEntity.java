package io.signet.render.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** One version of a template: every edit adds one. */
@Entity
@Table(name = "template_version")
public class TemplateVersionEntity {

  @EmbeddedId public Key key;

  public String source;

  @Column(name = "created_at")
  public Instant createdAt;

  /** (template, version). */
  @Embeddable
  public record Key(
      @Column(name = "template_id") String templateId, @Column(name = "version") int version)
      implements Serializable {}
}
