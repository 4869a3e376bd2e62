package io.signet.push.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash of a signature as Gmail stores it, after normalising what does not matter (runs of
 * whitespace, surrounding space): drift is a change of this hash, since Gmail sanitises what it is
 * sent and reading it back is never byte-identical to the pushed HTML.
 */
public final class SignatureDigest {

  private SignatureDigest() {}

  public static String ofStored(String signature) {
    String normalised = signature == null ? "" : signature.strip().replaceAll("\\s+", " ");
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(normalised.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }
}
