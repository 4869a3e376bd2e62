package io.signet.tenant.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A secret encrypted with AES-256-GCM under the master key {@code masterKeyId}. */
@Entity
@Table(name = "vault_secret")
public class VaultSecretEntity {

  @Id public UUID id;

  @Column(name = "master_key_id")
  public String masterKeyId;

  public byte[] nonce;

  public byte[] ciphertext;

  @Column(name = "created_at")
  public Instant createdAt;
}
