package io.signet.tenant.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A secret encrypted with AES-256-GCM under the master key {@code masterKeyId}, bound to its owner
 * and id as associated data (format 2; format 1, the id alone, is re-encrypted at start).
 */
@Entity
@Table(name = "vault_secret")
public class VaultSecretEntity {

  @Id public UUID id;

  @Column(name = "master_key_id")
  public String masterKeyId;

  /** The tenant id, or {@code operator} for the shared service account. */
  public String owner;

  /** 1: the id alone is associated data; 2: owner and id. */
  public short format;

  public byte[] nonce;

  public byte[] ciphertext;

  @Column(name = "created_at")
  public Instant createdAt;
}
