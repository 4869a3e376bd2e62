package io.signet.google;

import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.apache.v2.ApacheHttpTransport;
import com.google.api.client.json.JsonFactory;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.directory.Directory;
import com.google.api.services.gmail.Gmail;
import com.google.auth.Credentials;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import java.time.Duration;
import java.util.Collection;

/**
 * Builds delegated credentials and the official Gmail and Directory clients against configured
 * endpoints. One instance shares one HTTP transport — and so one connection pool — across every
 * client and token request it makes.
 *
 * <p>The default transport is Apache HttpClient with a pool sized for concurrent pushes: the JDK
 * transport keeps at most 5 idle connections per host and, on a 401 to a streamed POST, drops the
 * response body that says why (Google's {@code unauthorized_client}).
 */
public final class GoogleClients {

  private static final String APPLICATION_NAME = "signet";

  private final GoogleEndpoints endpoints;
  private final HttpTransport transport;
  private final JsonFactory json = GsonFactory.getDefaultInstance();
  private final int timeoutMillis;

  /**
   * @param timeout connect and read timeout of every call
   * @param maxConnections connections kept open to each Google host
   */
  public GoogleClients(GoogleEndpoints endpoints, Duration timeout, int maxConnections) {
    this(
        endpoints,
        new ApacheHttpTransport(
            ApacheHttpTransport.newDefaultHttpClientBuilder()
                .setMaxConnPerRoute(maxConnections)
                .setMaxConnTotal(maxConnections * 4)
                .build()),
        timeout);
  }

  public GoogleClients(GoogleEndpoints endpoints, HttpTransport transport, Duration timeout) {
    this.endpoints = endpoints;
    this.transport = transport;
    this.timeoutMillis = Math.toIntExact(timeout.toMillis());
  }

  /**
   * Credentials acting as {@code subject} through domain-wide delegation.
   *
   * @throws InvalidServiceAccountKeyException when the key JSON is not usable
   */
  public GoogleCredentials delegated(byte[] keyJson, String subject, Collection<String> scopes) {
    return DelegatedCredentials.create(keyJson, subject, scopes, endpoints, () -> transport);
  }

  /** The service account of a key JSON, its token endpoint pointed at these endpoints. */
  public ServiceAccountCredentials serviceAccount(byte[] keyJson) {
    return DelegatedCredentials.serviceAccount(keyJson, endpoints, () -> transport);
  }

  public Gmail gmail(Credentials credentials) {
    return new Gmail.Builder(transport, json, initializer(credentials))
        .setRootUrl(endpoints.gmailRootUrl())
        .setApplicationName(APPLICATION_NAME)
        .build();
  }

  public Directory directory(Credentials credentials) {
    return new Directory.Builder(transport, json, initializer(credentials))
        .setRootUrl(endpoints.directoryRootUrl())
        .setApplicationName(APPLICATION_NAME)
        .build();
  }

  public GoogleEndpoints endpoints() {
    return endpoints;
  }

  private HttpRequestInitializer initializer(Credentials credentials) {
    HttpCredentialsAdapter adapter = new HttpCredentialsAdapter(credentials);
    return request -> {
      adapter.initialize(request);
      request.setConnectTimeout(timeoutMillis);
      request.setReadTimeout(timeoutMillis);
    };
  }
}
