package io.signet.emulator.state;

import java.security.interfaces.RSAPublicKey;

/**
 * A service account of a Google Cloud project, with the public half of its one key.
 *
 * @param clientId the numeric OAuth client id that delegation grants name
 * @param revoked whether the key was deleted or disabled: its signatures no longer verify
 */
public record ServiceAccount(
    String clientId,
    String clientEmail,
    String projectId,
    String privateKeyId,
    RSAPublicKey publicKey,
    boolean revoked) {

  ServiceAccount withRevoked() {
    return new ServiceAccount(clientId, clientEmail, projectId, privateKeyId, publicKey, true);
  }
}
