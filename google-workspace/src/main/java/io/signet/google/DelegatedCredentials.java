package io.signet.google;

import com.google.auth.http.HttpTransportFactory;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Collection;

/**
 * Service-account credentials that act as a Workspace user through domain-wide delegation (the
 * JWT-bearer grant with a {@code sub}), sent to the configured token endpoint. Most callers use
 * {@link GoogleClients#delegated}, which supplies the endpoints and transport.
 */
public final class DelegatedCredentials {

  private DelegatedCredentials() {}

  /**
   * Credentials for {@code subject} with {@code scopes} from a service-account key JSON.
   *
   * @throws InvalidServiceAccountKeyException when the JSON is not a usable service-account key
   */
  public static GoogleCredentials create(
      byte[] keyJson,
      String subject,
      Collection<String> scopes,
      GoogleEndpoints endpoints,
      HttpTransportFactory transport) {
    return serviceAccount(keyJson, endpoints, transport)
        .createScoped(scopes)
        .createDelegated(subject);
  }

  /** The service account itself, its token endpoint pointed at {@code endpoints}. */
  public static ServiceAccountCredentials serviceAccount(
      byte[] keyJson, GoogleEndpoints endpoints, HttpTransportFactory transport) {
    try {
      ServiceAccountCredentials credentials =
          ServiceAccountCredentials.fromStream(new ByteArrayInputStream(keyJson), transport);
      return credentials.toBuilder()
          .setTokenServerUri(endpoints.tokenUri())
          .setHttpTransportFactory(transport)
          .build();
    } catch (IOException | RuntimeException e) {
      throw new InvalidServiceAccountKeyException(
          "not a usable service-account key: " + safeMessage(e), e);
    }
  }

  /** The library's messages name the failing field but never the key material. */
  private static String safeMessage(Exception e) {
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }
}
