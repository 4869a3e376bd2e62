package io.signet.tenant.service;

import io.quarkus.runtime.Startup;
import io.signet.tenant.config.VaultConfig;
import io.signet.tenant.repository.VaultSecretEntity;
import io.signet.tenant.repository.VaultSecretRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stores secrets (service-account keys) encrypted with AES-256-GCM under a configured master key,
 * the secret's id bound in as associated data. Each secret records its master key id, so keys
 * rotate by adding a new active key and {@link #reencryptAll() re-encrypting}. The service refuses
 * to start without a valid active master key.
 */
@Startup
@ApplicationScoped
public class KeyVault {

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

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

  /** Encrypts and stores a secret; returns its id. */
  @Transactional
  public UUID store(byte[] plaintext) {
    VaultSecretEntity secret = new VaultSecretEntity();
    secret.id = UUID.randomUUID();
    seal(secret, plaintext);
    secret.createdAt = Instant.now();
    secrets.persist(secret);
    return secret.id;
  }

  /** Decrypts a stored secret. */
  @Transactional
  public byte[] read(UUID id) {
    VaultSecretEntity secret =
        secrets
            .findByIdOptional(id)
            .orElseThrow(() -> new IllegalStateException("no vault secret " + id));
    SecretKey key = masterKeys.get(secret.masterKeyId);
    if (key == null) {
      throw new IllegalStateException(
          "vault secret " + id + " needs master key '" + secret.masterKeyId + "', not configured");
    }
    try {
      return cipher(Cipher.DECRYPT_MODE, key, secret.nonce, secret.id).doFinal(secret.ciphertext);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("vault secret " + id + " cannot be decrypted", e);
    }
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
      seal(secret, read(secret.id));
      count++;
    }
    return count;
  }

  public String activeKeyId() {
    return activeKeyId;
  }

  private void seal(VaultSecretEntity secret, byte[] plaintext) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      secret.ciphertext =
          cipher(Cipher.ENCRYPT_MODE, masterKeys.get(activeKeyId), nonce, secret.id)
              .doFinal(plaintext);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encrypt a vault secret", e);
    }
    secret.nonce = nonce;
    secret.masterKeyId = activeKeyId;
  }

  private static Cipher cipher(int mode, SecretKey key, byte[] nonce, UUID id)
      throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(
        ByteBuffer.allocate(16)
            .putLong(id.getMostSignificantBits())
            .putLong(id.getLeastSignificantBits())
            .array());
    return cipher;
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
