package io.signet.directory.service;

import com.google.api.services.directory.model.Channel;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.signet.directory.config.DirectorySyncConfig;
import io.signet.directory.repository.TenantEntity;
import io.signet.directory.repository.WatchChannelEntity;
import io.signet.directory.repository.WatchChannelRepository;
import io.signet.directory.repository.WatchRefusalEntity;
import io.signet.directory.repository.WatchRefusalRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * One users.watch channel per active tenant, renewed before it expires, when a public webhook
 * address is configured (https, as Google requires: anything else stops the service at start unless
 * the local-only flag is set). Each channel has its own random token; a notification is accepted
 * only with its channel's token. A refused users.watch is tried again after a wait that doubles
 * with each refusal, its reason kept for the watch API.
 */
@ApplicationScoped
public class WatchChannels {

  public static final String NOTIFICATION_PATH = "/api/v1/notifications/directory";
  private static final Logger LOG = Logger.getLogger(WatchChannels.class);

  private final DirectorySyncConfig config;
  private final TenantDirectory tenants;
  private final TenantDirectoryReader reader;
  private final WatchChannelRepository channels;
  private final WatchRefusalRepository refusals;
  private final ChannelTiming timing;
  private final SecureRandom random = new SecureRandom();

  public WatchChannels(
      DirectorySyncConfig config,
      TenantDirectory tenants,
      TenantDirectoryReader reader,
      WatchChannelRepository channels,
      WatchRefusalRepository refusals) {
    this.config = config;
    this.tenants = tenants;
    this.reader = reader;
    this.channels = channels;
    this.refusals = refusals;
    this.timing =
        new ChannelTiming(
            config.channelRenewBefore(), config.watchRetryInitial(), config.watchRetryMax());
  }

  /** Refuses to start with a webhook address Google would not deliver to. */
  void onStart(@Observes StartupEvent event) {
    config.webhookBaseUrl().ifPresent(url -> checkWebhookAddress(url, config.webhookAllowHttp()));
  }

  /**
   * @throws IllegalStateException for anything but an https URL, or an http one with the local-only
   *     flag
   */
  static void checkWebhookAddress(String url, boolean allowHttp) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("signet.directory.webhook-base-url is not a URL: " + url, e);
    }
    if ("https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null) {
      return;
    }
    if ("http".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && allowHttp) {
      LOG.warnf(
          "webhook base URL %s is plain http (signet.directory.webhook-allow-http): Google refuses"
              + " such watch channels, only a local emulator accepts them",
          url);
      return;
    }
    throw new IllegalStateException(
        "signet.directory.webhook-base-url must be an https:// URL, because Google delivers"
            + " Directory push notifications only to HTTPS addresses with a valid certificate; got "
            + url
            + ". Leave it unset for scheduled and on-demand syncs only, or, for a local stack"
            + " against the workspace emulator only, set signet.directory.webhook-allow-http=true"
            + " (SIGNET_DIRECTORY_WEBHOOK_ALLOW_HTTP).");
  }

  @Scheduled(
      every = "${signet.directory.channel-check:10s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void keepChannelsOpen() {
    if (config.webhookBaseUrl().isEmpty()) {
      return;
    }
    Instant now = Instant.now();
    for (TenantEntity tenant : tenants.active()) {
      Optional<WatchRefusalEntity> refused =
          QuarkusTransaction.requiringNew().call(() -> refusals.findByIdOptional(tenant.id));
      if (refused.isPresent() && now.isBefore(refused.get().nextAttemptAt)) {
        continue;
      }
      Optional<WatchChannelEntity> current =
          QuarkusTransaction.requiringNew().call(() -> channels.findByIdOptional(tenant.id));
      if (current.isEmpty()
          || timing.renewDue(current.get().openedAt, current.get().expiration, now)) {
        try {
          open(tenant, current);
        } catch (GoogleCallFailed e) {
          Duration wait = refused(tenant.id, e);
          LOG.warnf(
              "tenant %s: users.watch refused (%s), next try in %s",
              tenant.id, e.getMessage(), wait);
        } catch (RuntimeException e) {
          LOG.warnf("tenant %s: watch channel not opened: %s", tenant.id, e.getMessage());
        }
      }
    }
  }

  /** Records a refusal and returns the wait before the next try. */
  private Duration refused(String tenantId, GoogleCallFailed e) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              Instant now = Instant.now();
              WatchRefusalEntity row = refusals.findById(tenantId);
              boolean created = row == null;
              if (created) {
                row = new WatchRefusalEntity();
                row.tenantId = tenantId;
              }
              row.failures++;
              row.reason = e.reason().startsWith("google-") ? e.reason().substring(7) : e.reason();
              row.message = e.getMessage();
              row.lastAttemptAt = now;
              Duration wait = timing.retryWait(row.failures);
              row.nextAttemptAt = now.plus(wait);
              if (created) {
                refusals.persist(row);
              }
              return wait;
            });
  }

  /** The tenant's last users.watch refusal, while no channel has been opened since. */
  public Optional<WatchRefusalEntity> refusal(String tenantId) {
    return QuarkusTransaction.requiringNew().call(() -> refusals.findByIdOptional(tenantId));
  }

  /**
   * A tenant active again after its delegation changed: its channel was opened with the old
   * delegation (perhaps another service account, or a Workspace that was reset), so it is replaced
   * at the next check instead of at its expiry.
   */
  public void renew(String tenantId) {
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                channels
                    .findByIdOptional(tenantId)
                    .ifPresent(row -> row.expiration = Instant.EPOCH));
    // a refusal under the old delegation says nothing about the new one: try at the next check
    QuarkusTransaction.requiringNew().run(() -> refusals.deleteById(tenantId));
  }

  /** Whether notifications are set up, and the tenant's channel (empty before it is opened). */
  public boolean enabled() {
    return config.webhookBaseUrl().isPresent();
  }

  public Optional<WatchChannelEntity> channel(String tenantId) {
    return QuarkusTransaction.requiringNew().call(() -> channels.findByIdOptional(tenantId));
  }

  /** Where Google posts the notifications, when configured. */
  public Optional<String> address() {
    return config.webhookBaseUrl().map(base -> base + NOTIFICATION_PATH);
  }

  private void open(TenantEntity tenant, Optional<WatchChannelEntity> previous) {
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    TenantDirectoryReader.Session session = reader.open(tenant.id, tenant.adminEmail);
    Channel request =
        new Channel()
            .setId(UUID.randomUUID().toString())
            .setType("web_hook")
            .setAddress(config.webhookBaseUrl().orElseThrow() + NOTIFICATION_PATH)
            .setToken(token)
            .setExpiration(
                Instant.now().plus(ChannelTiming.requested(config.channelTtl())).toEpochMilli());
    Channel opened =
        session.call(
            () -> session.directory().users().watch(request).setCustomer("my_customer").execute());
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              WatchChannelEntity row = channels.findById(tenant.id);
              boolean created = row == null;
              if (created) {
                row = new WatchChannelEntity();
                row.tenantId = tenant.id;
              }
              row.channelId = opened.getId();
              row.resourceId = opened.getResourceId();
              row.token = token;
              // what Google granted, which may be less than asked
              row.expiration = Instant.ofEpochMilli(opened.getExpiration());
              row.openedAt = Instant.now();
              if (created) {
                channels.persist(row);
              }
              refusals.deleteById(tenant.id);
            });
    previous.ifPresent(old -> stopQuietly(session, old));
  }

  private static void stopQuietly(TenantDirectoryReader.Session session, WatchChannelEntity old) {
    try {
      session
          .directory()
          .channels()
          .stop(new Channel().setId(old.channelId).setResourceId(old.resourceId))
          .execute();
    } catch (Exception e) {
      LOG.debugf("old channel %s not stopped: %s", old.channelId, e.getMessage());
    }
  }

  /**
   * The tenant a notification is for, when its channel is known and its token matches.
   *
   * @return empty for an unknown channel or a wrong token
   */
  public Optional<String> authenticate(String channelId, String token) {
    if (channelId == null || token == null) {
      return Optional.empty();
    }
    return QuarkusTransaction.requiringNew()
        .call(() -> channels.byChannelId(channelId))
        .filter(
            channel ->
                MessageDigest.isEqual(
                    channel.token.getBytes(StandardCharsets.UTF_8),
                    token.getBytes(StandardCharsets.UTF_8)))
        .map(channel -> channel.tenantId);
  }
}
