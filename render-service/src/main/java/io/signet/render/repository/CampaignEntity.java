package io.signet.render.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A campaign banner of a tenant. */
@Entity
@Table(name = "campaign")
public class CampaignEntity {

  @Id public String id;

  @Column(name = "tenant_id")
  public String tenantId;

  public String name;

  @Column(name = "banner_html")
  public String bannerHtml;

  @Column(name = "start_at")
  public Instant startAt;

  @Column(name = "end_at")
  public Instant endAt;

  @Column(name = "audience_kind")
  public String audienceKind;

  @Column(name = "audience_value")
  public String audienceValue;
}
