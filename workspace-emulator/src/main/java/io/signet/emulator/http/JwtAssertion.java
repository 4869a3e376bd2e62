package io.signet.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

/** A JWT-bearer assertion: its claims, and whether an RSA key signed it (RS256). */
record JwtAssertion(JsonNode header, JsonNode claims, byte[] signedPart, byte[] signature) {

  /**
   * @throws IllegalArgumentException when the text is not a JWT
   */
  static JwtAssertion parse(String jwt) {
    String[] parts = jwt == null ? new String[0] : jwt.split("\\.", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("not a JWT");
    }
    try {
      Base64.Decoder decoder = Base64.getUrlDecoder();
      JsonNode header = Json.MAPPER.readTree(decoder.decode(parts[0]));
      JsonNode claims = Json.MAPPER.readTree(decoder.decode(parts[1]));
      if (!header.isObject() || !claims.isObject()) {
        throw new IllegalArgumentException("JWT parts are not JSON objects");
      }
      return new JwtAssertion(
          header,
          claims,
          (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII),
          decoder.decode(parts[2]));
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("malformed JWT", e);
    }
  }

  String claim(String name) {
    JsonNode value = claims.get(name);
    return value == null || value.isNull() ? null : value.asText();
  }

  long numericClaim(String name) {
    JsonNode value = claims.get(name);
    return value == null || !value.canConvertToLong() ? Long.MIN_VALUE : value.asLong();
  }

  boolean signedBy(RSAPublicKey key) {
    if (!"RS256".equals(header.path("alg").asText())) {
      return false;
    }
    try {
      Signature verifier = Signature.getInstance("SHA256withRSA");
      verifier.initVerify(key);
      verifier.update(signedPart);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
