package io.signet.support.broker;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.OAuth2Credentials;
import java.io.IOException;
import java.util.Date;
import java.util.List;

/**
 * Google credentials for a tenant's user whose tokens come from tenant-service's broker; the Google
 * client refreshes them like any others.
 */
public class BrokeredCredentials extends OAuth2Credentials {

  private final transient TokenBrokerClient broker;
  private final String tenantId;
  private final String subject;
  private final List<String> scopes;
  private transient volatile BrokerRefusal lastRefusal;

  public BrokeredCredentials(
      TokenBrokerClient broker, String tenantId, String subject, List<String> scopes) {
    this.broker = broker;
    this.tenantId = tenantId;
    this.subject = subject;
    this.scopes = List.copyOf(scopes);
  }

  /**
   * A new token from the broker. The one held until now is named as rejected — Google answered 401
   * or it expired — so the broker does not hand it back from its cache.
   */
  @Override
  public AccessToken refreshAccessToken() throws IOException {
    AccessToken current = getAccessToken();
    try {
      TokenBrokerClient.GoogleToken token =
          broker.token(tenantId, subject, scopes, current == null ? null : current.getTokenValue());
      lastRefusal = null;
      return new AccessToken(token.value(), Date.from(token.expiresAt()));
    } catch (BrokerRefusal refusal) {
      lastRefusal = refusal;
      throw refusal;
    }
  }

  /**
   * The broker's refusal of the last refresh, if it refused. Google's client swallows a failed
   * refresh after a 401 and reports only the 401: this says why.
   */
  public BrokerRefusal lastRefusal() {
    return lastRefusal;
  }

  @Override
  public boolean equals(Object other) {
    return this == other;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }
}
