package io.signet.tenant.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The public half of the token signing key, as the JWKS other services (or any OIDC-aware client)
 * verify tokens with. Its key id is derived from the key itself.
 */
@ApplicationScoped
public class JwtPublicKey {

  private final RSAPublicKey key;
  private final String keyId;

  public JwtPublicKey(@ConfigProperty(name = "mp.jwt.verify.publickey.location") String location) {
    this.key = read(Path.of(location));
    this.keyId = thumbprint(key);
  }

  public String keyId() {
    return keyId;
  }

  /** {@code {"keys":[{kty, kid, use, alg, n, e}]}}. */
  public Map<String, Object> jwks() {
    Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
    Map<String, Object> jwk = new LinkedHashMap<>();
    jwk.put("kty", "RSA");
    jwk.put("kid", keyId);
    jwk.put("use", "sig");
    jwk.put("alg", "RS256");
    jwk.put("n", base64.encodeToString(unsigned(key.getModulus().toByteArray())));
    jwk.put("e", base64.encodeToString(unsigned(key.getPublicExponent().toByteArray())));
    return Map.of("keys", List.of(jwk));
  }

  private static RSAPublicKey read(Path file) {
    try {
      String pem = Files.readString(file, StandardCharsets.US_ASCII);
      String body =
          pem.replace("-----BEGIN PUBLIC KEY-----", "")
              .replace("-----END PUBLIC KEY-----", "")
              .replaceAll("\\s", "");
      return (RSAPublicKey)
          KeyFactory.getInstance("RSA")
              .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the token verification key " + file, e);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("not an RSA public key in PEM: " + file, e);
    }
  }

  private static String thumbprint(RSAPublicKey key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] unsigned(byte[] bytes) {
    return bytes.length > 1 && bytes[0] == 0
        ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length)
        : bytes;
  }
}
