package io.signet.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Access tokens of the shape tenant-service issues, signed with {@link TestJwtKeys}: for testing a
 * service's API without running tenant-service.
 */
public final class TestTokens {

  /** The issuer every Signet service expects by default. */
  public static final String ISSUER = "signet";

  private TestTokens() {}

  public static String operator() {
    return sign("operator", "operator", null, Duration.ofMinutes(15));
  }

  public static String tenant(String tenantId) {
    return sign("tenant:" + tenantId, "tenant", tenantId, Duration.ofMinutes(15));
  }

  public static String service(String name) {
    return sign("service:" + name, "service", null, Duration.ofMinutes(15));
  }

  /** A token that expired ten minutes ago, beyond any clock skew allowance. */
  public static String expiredTenant(String tenantId) {
    return sign("tenant:" + tenantId, "tenant", tenantId, Duration.ofMinutes(-10));
  }

  private static String sign(String subject, String group, String tenantId, Duration ttl) {
    Instant now = Instant.now();
    String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
    String claims =
        "{\"iss\":\""
            + ISSUER
            + "\",\"sub\":\""
            + subject
            + "\",\"upn\":\""
            + subject
            + "\",\"groups\":[\""
            + group
            + "\"],"
            + (tenantId == null ? "" : "\"tenant_id\":\"" + tenantId + "\",")
            + "\"jti\":\""
            + UUID.randomUUID()
            + "\",\"iat\":"
            + now.minusSeconds(120).getEpochSecond()
            + ",\"exp\":"
            + now.plus(ttl).getEpochSecond()
            + "}";
    String signingInput = base64(header) + "." + base64(claims);
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(TestJwtKeys.instance().privateKey());
      rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput
          + "."
          + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String base64(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
