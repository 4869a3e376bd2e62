package io.signet.tenant.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The operator's shared service account: its encrypted key and public identity. */
@Entity
@Table(name = "shared_service_account")
public class SharedServiceAccountEntity {

  /** Always 1: there is one shared account. */
  @Id public int id = 1;

  @Column(name = "key_secret_id")
  public UUID keySecretId;

  @Column(name = "client_id")
  public String clientId;

  @Column(name = "client_email")
  public String clientEmail;

  @Column(name = "updated_at")
  public Instant updatedAt;
}
