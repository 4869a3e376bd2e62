package io.signet.tenant.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.signet.support.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Checks an uploaded service-account key JSON before it is stored: JSON, {@code type}
 * service_account, a usable RSA private key, a client email and a numeric client id. Every refusal
 * names the field; none repeats the key material.
 */
@ApplicationScoped
public class ServiceAccountKeyValidator {

  private static final Pattern CLIENT_ID = Pattern.compile("[0-9]{10,30}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  private final ObjectMapper json = new ObjectMapper();

  /** The public identity of a valid key. */
  public record ValidatedKey(
      String clientEmail, String clientId, String projectId, String privateKeyId) {}

  public ValidatedKey validate(byte[] keyJson) {
    JsonNode key;
    try {
      key = json.readTree(keyJson);
    } catch (IOException e) {
      throw Problem.invalid("serviceAccountKey", "the service-account key is not valid JSON");
    }
    if (key == null || !key.isObject()) {
      throw Problem.invalid("serviceAccountKey", "the service-account key must be a JSON object");
    }
    String type = text(key, "type");
    if (!"service_account".equals(type)) {
      throw Problem.invalid(
          "serviceAccountKey.type",
          "type must be \"service_account\" (a key JSON downloaded for a service account), not "
              + (type == null ? "missing" : "\"" + type + "\""));
    }
    String clientEmail = text(key, "client_email");
    if (clientEmail == null || !EMAIL.matcher(clientEmail).matches()) {
      throw Problem.invalid("serviceAccountKey.client_email", "client_email is missing or invalid");
    }
    String clientId = text(key, "client_id");
    if (clientId == null || !CLIENT_ID.matcher(clientId).matches()) {
      throw Problem.invalid(
          "serviceAccountKey.client_id", "client_id is missing or not the numeric OAuth client id");
    }
    String universe = text(key, "universe_domain");
    if (universe != null && !universe.equals("googleapis.com")) {
      throw Problem.invalid(
          "serviceAccountKey.universe_domain", "universe_domain must be googleapis.com");
    }
    requireRsaPrivateKey(text(key, "private_key"));
    return new ValidatedKey(
        clientEmail, clientId, text(key, "project_id"), text(key, "private_key_id"));
  }

  private static void requireRsaPrivateKey(String pem) {
    String field = "serviceAccountKey.private_key";
    if (pem == null
        || !pem.contains("-----BEGIN PRIVATE KEY-----")
        || !pem.contains("-----END PRIVATE KEY-----")) {
      throw Problem.invalid(field, "private_key is missing or not a PKCS#8 PEM private key");
    }
    String body =
        pem.replace("-----BEGIN PRIVATE KEY-----", "")
            .replace("-----END PRIVATE KEY-----", "")
            .replaceAll("\\s", "");
    try {
      byte[] der = Base64.getDecoder().decode(body.getBytes(StandardCharsets.US_ASCII));
      if (!(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der))
          instanceof RSAPrivateKey rsa)) {
        throw Problem.invalid(field, "private_key is not an RSA key");
      }
      if (rsa.getModulus().bitLength() < 2048) {
        throw Problem.invalid(field, "private_key is shorter than 2048 bits");
      }
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw Problem.invalid(field, "private_key is not a usable RSA private key");
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || !value.isTextual() ? null : value.asText();
  }
}
