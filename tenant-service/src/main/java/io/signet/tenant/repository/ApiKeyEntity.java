package io.signet.tenant.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A tenant API key, stored as the SHA-256 hash of its secret part only. */
@Entity
@Table(name = "api_key")
public class ApiKeyEntity {

  @Id public String id;

  @Column(name = "tenant_id")
  public String tenantId;

  @Column(name = "secret_hash")
  public byte[] secretHash;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "revoked_at")
  public Instant revokedAt;
}
