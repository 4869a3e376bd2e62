package io.signet.google;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Makes new service-account keys in Google's key JSON format with a fresh RSA key pair: for the
 * workspace emulator and for tests, so no private key is ever committed.
 */
public final class ServiceAccountKeyGenerator {

  private static final Gson GSON =
      new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

  private ServiceAccountKeyGenerator() {}

  /**
   * A new key.
   *
   * @param clientId the numeric OAuth client id an admin enters for domain-wide delegation
   * @param tokenUri where the key's holder sends JWT-bearer grants
   */
  public static GeneratedKey generate(
      String projectId, String clientEmail, String clientId, String tokenUri) {
    KeyPair pair = rsaKeyPair();
    String privateKeyId = HexFormat.of().formatHex(randomBytes(20));
    Map<String, String> json = new LinkedHashMap<>();
    json.put("type", "service_account");
    json.put("project_id", projectId);
    json.put("private_key_id", privateKeyId);
    json.put("private_key", pem(pair.getPrivate().getEncoded()));
    json.put("client_email", clientEmail);
    json.put("client_id", clientId);
    json.put("auth_uri", "https://accounts.google.com/o/oauth2/auth");
    json.put("token_uri", tokenUri);
    json.put("universe_domain", "googleapis.com");
    return new GeneratedKey(GSON.toJson(json), (RSAPublicKey) pair.getPublic(), privateKeyId);
  }

  private static KeyPair rsaKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("RSA is missing from this JVM", e);
    }
  }

  private static String pem(byte[] pkcs8) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pkcs8);
    return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
  }

  private static byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    RandomGenerator.getDefault().nextBytes(bytes);
    return bytes;
  }

  /**
   * A generated key.
   *
   * @param json the key JSON exactly as Google's console would download it
   * @param publicKey the public half, to verify the holder's JWT signatures
   */
  public record GeneratedKey(String json, RSAPublicKey publicKey, String privateKeyId) {}
}
