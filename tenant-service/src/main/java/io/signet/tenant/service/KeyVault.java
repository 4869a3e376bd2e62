package io.signet.tenant.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.StartupEvent;
import io.signet.tenant.config.VaultConfig;
import io.signet.tenant.repository.VaultSecretEntity;
import io.signet.tenant.repository.VaultSecretRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * Stores secrets (service-account keys) encrypted with AES-256-GCM under a configured master key,
 * bound to their owner (a tenant id, or {@link #OPERATOR}) and their id as associated data: a
 * ciphertext copied or pointed to from another tenant's row does not decrypt. Each secret records
 * its master key id, so keys rotate by adding a new active key and {@link #reencryptAll()
 * re-encrypting}. Secrets stored before the owner was bound in (format 1) are re-encrypted at
 * start. The service refuses to start without a valid active master key.
 */
@Startup
@ApplicationScoped
public class KeyVault {

  /** The owner of the operator's shared service-account key. Tenant ids start with {@code t-}. */
  public static final String OPERATOR = "operator";

  private static final Logger LOG = Logger.getLogger(KeyVault.class);
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final short ID_ONLY = 1;
  private static final short OWNER_AND_ID = 2;

  private final VaultSecretRepository secrets;
  private final Map<String, SecretKey> masterKeys = new HashMap<>();
  private final String activeKeyId;
  private final SecureRandom random = new SecureRandom();

  public KeyVault(VaultConfig config, VaultSecretRepository secrets) {
    this.secrets = secrets;
    config.masterKeys().forEach((id, base64) -> masterKeys.put(id, decodeKey(id, base64)));
    this.activeKeyId =
        config
            .activeKeyId()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "signet.vault.active-key-id is not set: tenant-service will not start"
                            + " without a master key (SIGNET_VAULT_ACTIVE_KEY_ID and"
                            + " SIGNET_VAULT_MASTER_KEYS__<ID>_)"));
    if (!masterKeys.containsKey(activeKeyId)) {
      throw new IllegalStateException(
          "signet.vault.master-keys has no key with the active id '" + activeKeyId + "'");
    }
  }

  /**
   * Binds the secrets of an earlier version to their owners: each format 1 secret whose owner the
   * database migration found is re-encrypted with owner and id as associated data.
   */
  void bindOwners(@Observes StartupEvent event) {
    int bound = bindLegacySecrets();
    if (bound > 0) {
      LOG.infof("%d vault secret(s) re-encrypted bound to their owner", bound);
    }
  }

  /** Re-encrypts format 1 secrets whose owner is known as format 2; returns how many. */
  public int bindLegacySecrets() {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              List<VaultSecretEntity> legacy =
                  secrets.list("format = ?1 and owner is not null", ID_ONLY);
              for (VaultSecretEntity secret : legacy) {
                seal(secret, decrypt(secret, secret.owner));
              }
              return legacy.size();
            });
  }

  /** Encrypts and stores a secret of {@code owner} (a tenant id or {@link #OPERATOR}). */
  @Transactional
  public UUID store(String owner, byte[] plaintext) {
    VaultSecretEntity secret = new VaultSecretEntity();
    secret.id = UUID.randomUUID();
    secret.owner = owner;
    seal(secret, plaintext);
    secret.createdAt = Instant.now();
    secrets.persist(secret);
    return secret.id;
  }

  /**
   * Decrypts a stored secret as {@code owner}'s: the owner the referencing row names, so a secret
   * of another owner fails.
   */
  @Transactional
  public byte[] read(String owner, UUID id) {
    VaultSecretEntity secret =
        secrets
            .findByIdOptional(id)
            .orElseThrow(() -> new IllegalStateException("no vault secret " + id));
    return decrypt(secret, owner);
  }

  @Transactional
  public void delete(UUID id) {
    secrets.deleteById(id);
  }

  /** Re-encrypts every secret not under the active master key; returns how many. */
  @Transactional
  public int reencryptAll() {
    int count = 0;
    for (VaultSecretEntity secret : secrets.list("masterKeyId <> ?1", activeKeyId)) {
      seal(secret, decrypt(secret, secret.owner));
      count++;
    }
    return count;
  }

  public String activeKeyId() {
    return activeKeyId;
  }

  private byte[] decrypt(VaultSecretEntity secret, String owner) {
    SecretKey key = masterKeys.get(secret.masterKeyId);
    if (key == null) {
      throw new IllegalStateException(
          "vault secret "
              + secret.id
              + " needs master key '"
              + secret.masterKeyId
              + "', not configured");
    }
    // a format 1 secret authenticates only its id: its stored owner must at least match
    boolean legacy = secret.format == ID_ONLY;
    if (owner == null || (legacy && !owner.equals(secret.owner))) {
      throw new IllegalStateException("vault secret " + secret.id + " is not " + owner + "'s");
    }
    try {
      byte[] aad = legacy ? idBytes(secret.id) : ownerAndId(owner, secret.id);
      return cipher(Cipher.DECRYPT_MODE, key, secret.nonce, aad).doFinal(secret.ciphertext);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "vault secret " + secret.id + " cannot be decrypted as " + owner + "'s", e);
    }
  }

  private void seal(VaultSecretEntity secret, byte[] plaintext) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      secret.ciphertext =
          cipher(
                  Cipher.ENCRYPT_MODE,
                  masterKeys.get(activeKeyId),
                  nonce,
                  ownerAndId(secret.owner, secret.id))
              .doFinal(plaintext);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encrypt a vault secret", e);
    }
    secret.nonce = nonce;
    secret.masterKeyId = activeKeyId;
    secret.format = OWNER_AND_ID;
  }

  private static Cipher cipher(int mode, SecretKey key, byte[] nonce, byte[] aad)
      throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(aad);
    return cipher;
  }

  /** Format 2: the owner's UTF-8 bytes, a NUL (in no tenant id), the id's 16 bytes. */
  private static byte[] ownerAndId(String owner, UUID id) {
    byte[] name = owner.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(name.length + 1 + 16)
        .put(name)
        .put((byte) 0)
        .put(idBytes(id))
        .array();
  }

  private static byte[] idBytes(UUID id) {
    return ByteBuffer.allocate(16)
        .putLong(id.getMostSignificantBits())
        .putLong(id.getLeastSignificantBits())
        .array();
  }

  private static SecretKey decodeKey(String id, String base64) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("master key '" + id + "' is not base64");
    }
    if (bytes.length != 32) {
      throw new IllegalStateException(
          "master key '" + id + "' must be 32 bytes (AES-256), it has " + bytes.length);
    }
    return new SecretKeySpec(bytes, "AES");
  }
}
