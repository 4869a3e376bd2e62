package io.signet.tenant.service;

import io.signet.tenant.repository.ApiKeyEntity;
import io.signet.tenant.repository.ApiKeyRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Tenant API keys: {@code sgt_<id>_<secret>}, shown once, stored as the SHA-256 of the secret (256
 * random bits, so a plain hash suffices) and compared in constant time.
 */
@ApplicationScoped
public class ApiKeys {

  private static final String PREFIX = "sgt_";

  private final ApiKeyRepository keys;
  private final SecureRandom random = new SecureRandom();

  public ApiKeys(ApiKeyRepository keys) {
    this.keys = keys;
  }

  /** Creates a key for a tenant (in the caller's transaction) and returns it in clear, once. */
  public String issue(String tenantId) {
    String id = token(9);
    String secret = token(32);
    ApiKeyEntity key = new ApiKeyEntity();
    key.id = id;
    key.tenantId = tenantId;
    key.secretHash = sha256(secret);
    key.createdAt = Instant.now();
    keys.persist(key);
    return PREFIX + id + "_" + secret;
  }

  /** The id part of something shaped like a tenant key, which names the key without its secret. */
  public static Optional<String> idOf(String presented) {
    if (presented == null || !presented.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String rest = presented.substring(PREFIX.length());
    int separator = rest.indexOf('_');
    return separator <= 0 ? Optional.empty() : Optional.of(rest.substring(0, separator));
  }

  /** The tenant a presented key belongs to, if it is a live key. */
  public Optional<String> tenantOf(String presented) {
    Optional<String> keyId = idOf(presented);
    if (keyId.isEmpty()) {
      return Optional.empty();
    }
    String id = keyId.get();
    byte[] hash = sha256(presented.substring(PREFIX.length() + id.length() + 1));
    return keys.findByIdOptional(id)
        .filter(key -> key.revokedAt == null)
        .filter(key -> MessageDigest.isEqual(key.secretHash, hash))
        .map(key -> key.tenantId);
  }

  private String token(int bytes) {
    byte[] value = new byte[bytes];
    random.nextBytes(value);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(value).replace('_', 'x');
  }

  static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
