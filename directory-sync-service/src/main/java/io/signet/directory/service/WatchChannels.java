package io.signet.directory.service;

import com.google.api.services.directory.model.Channel;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.signet.directory.config.DirectorySyncConfig;
import io.signet.directory.repository.TenantEntity;
import io.signet.directory.repository.WatchChannelEntity;
import io.signet.directory.repository.WatchChannelRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * One users.watch channel per active tenant, renewed before it expires, when a public webhook
 * address is configured. Each channel has its own random token; a notification is accepted only
 * with its channel's token.
 */
@ApplicationScoped
public class WatchChannels {

  public static final String NOTIFICATION_PATH = "/api/v1/notifications/directory";
  private static final Logger LOG = Logger.getLogger(WatchChannels.class);

  private final DirectorySyncConfig config;
  private final TenantDirectory tenants;
  private final TenantDirectoryReader reader;
  private final WatchChannelRepository channels;
  private final SecureRandom random = new SecureRandom();

  public WatchChannels(
      DirectorySyncConfig config,
      TenantDirectory tenants,
      TenantDirectoryReader reader,
      WatchChannelRepository channels) {
    this.config = config;
    this.tenants = tenants;
    this.reader = reader;
    this.channels = channels;
  }

  @Scheduled(
      every = "${signet.directory.channel-check:10s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void keepChannelsOpen() {
    if (config.webhookBaseUrl().isEmpty()) {
      return;
    }
    Instant renewAt = Instant.now().plus(config.channelRenewBefore());
    for (TenantEntity tenant : tenants.active()) {
      Optional<WatchChannelEntity> current =
          QuarkusTransaction.requiringNew().call(() -> channels.findByIdOptional(tenant.id));
      if (current.isEmpty() || current.get().expiration.isBefore(renewAt)) {
        try {
          open(tenant, current);
        } catch (RuntimeException e) {
          LOG.warnf("tenant %s: watch channel not opened: %s", tenant.id, e.getMessage());
        }
      }
    }
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
            .setExpiration(Instant.now().plus(config.channelTtl()).toEpochMilli());
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
              row.expiration = Instant.ofEpochMilli(opened.getExpiration());
              if (created) {
                channels.persist(row);
              }
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
