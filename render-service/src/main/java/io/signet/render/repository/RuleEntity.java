package io.signet.render.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** An assignment rule of a tenant. */
@Entity
@Table(name = "assignment_rule")
public class RuleEntity {

  @Id public UUID id;

  @Column(name = "tenant_id")
  public String tenantId;

  public int position;

  @Column(name = "audience_kind")
  public String audienceKind;

  @Column(name = "audience_value")
  public String audienceValue;

  @Column(name = "template_id")
  public String templateId;

  @Column(name = "include_aliases")
  public boolean includeAliases;

  @Column(name = "include_external_send_as")
  public boolean includeExternalSendAs;
}
