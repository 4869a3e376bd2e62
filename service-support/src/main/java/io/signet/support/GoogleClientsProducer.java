package io.signet.support;

import io.signet.google.GoogleClients;
import io.signet.google.GoogleEndpoints;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.net.URI;

/** Makes the one {@link GoogleClients} of the service, pointed where {@link GoogleConfig} says. */
@ApplicationScoped
public class GoogleClientsProducer {

  @Produces
  @ApplicationScoped
  GoogleClients googleClients(GoogleConfig config) {
    return new GoogleClients(
        new GoogleEndpoints(
            URI.create(config.tokenUri()), config.gmailRootUrl(), config.directoryRootUrl()),
        config.timeout(),
        config.maxConnections());
  }
}
