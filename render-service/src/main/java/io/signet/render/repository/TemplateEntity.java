package io.signet.render.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A tenant's template; its content lives in versions. */
@Entity
@Table(name = "template")
public class TemplateEntity {

  @Id public String id;

  @Column(name = "tenant_id")
  public String tenantId;

  public String name;

  @Column(name = "created_at")
  public Instant createdAt;
}
