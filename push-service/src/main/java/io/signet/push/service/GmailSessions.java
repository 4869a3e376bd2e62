package io.signet.push.service;

import com.google.api.services.gmail.Gmail;
import io.signet.google.GoogleClients;
import io.signet.google.GoogleScopes;
import io.signet.support.broker.BrokeredCredentials;
import io.signet.support.broker.TokenBrokerClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Gmail client per (tenant, user) acting as that user, with a delegated token from
 * tenant-service's broker that is reused until near expiry. The most recently used clients are
 * kept.
 */
@ApplicationScoped
public class GmailSessions {

  private static final int KEPT = 20_000;
  private static final List<String> SCOPES = List.of(GoogleScopes.GMAIL_SETTINGS_BASIC);

  /** {@code sendAs.create} needs gmail.settings.sharing, granted only by tenants that opt in. */
  private static final List<String> SHARING_SCOPES = List.of(GoogleScopes.GMAIL_SETTINGS_SHARING);

  private final GoogleClients google;
  private final TokenBrokerClient broker;
  private final Map<String, Session> sessions =
      new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Session> eldest) {
          return size() > KEPT;
        }
      };

  public GmailSessions(GoogleClients google, TokenBrokerClient broker) {
    this.google = google;
    this.broker = broker;
  }

  /** A Gmail client and the credentials it uses, to tell a broker refusal from Google's own. */
  public record Session(Gmail gmail, BrokeredCredentials credentials) {}

  /** A session that reads and writes the user's signatures (gmail.settings.basic). */
  public Session of(String tenantId, String subject) {
    return of(tenantId, subject, SCOPES);
  }

  /** A session that creates the user's sendAs entries (gmail.settings.sharing). */
  public Session sharing(String tenantId, String subject) {
    return of(tenantId, subject, SHARING_SCOPES);
  }

  private synchronized Session of(String tenantId, String subject, List<String> scopes) {
    return sessions.computeIfAbsent(
        tenantId + "|" + subject.toLowerCase() + "|" + scopes,
        key -> {
          BrokeredCredentials credentials =
              new BrokeredCredentials(broker, tenantId, subject, scopes);
          return new Session(google.gmail(credentials), credentials);
        });
  }

  /** Drops the tenant's sessions: its delegation changed, or it is gone. */
  public synchronized void forget(String tenantId) {
    sessions.keySet().removeIf(key -> key.startsWith(tenantId + "|"));
  }
}
