package io.signet.tenant.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A record to publish, written in the same transaction as the change it describes; a null payload
 * is a tombstone.
 */
@Entity
@Table(name = "outbox_event")
public class OutboxEventEntity {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  public String topic;

  @Column(name = "record_key")
  public String recordKey;

  public String payload;

  @Column(name = "ce_type")
  public String ceType;

  @Column(name = "ce_id")
  public String ceId;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "published_at")
  public Instant publishedAt;
}
