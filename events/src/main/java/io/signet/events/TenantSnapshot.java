package io.signet.events;

import static io.signet.events.EventFields.listOrEmpty;
import static io.signet.events.EventFields.required;

import java.time.Instant;
import java.util.List;

/**
 * The latest state of a tenant, published on {@link Topics#TENANTS} whenever it changes. It never
 * carries key material: services obtain Google tokens from the tenant-service broker.
 *
 * @param domains the tenant's domains, primary domain first
 * @param syncIntervalSeconds how often the directory is fully re-read, in seconds
 * @param dwdClientId OAuth client id of the service account granted domain-wide delegation, or
 *     {@code null} while none is set
 * @param createAliasSendAs whether Signet creates the Gmail sendAs entry a Directory alias lacks
 *     ({@code sendAs.create} with {@code treatAsAlias}, which needs the delegated scope {@code
 *     gmail.settings.sharing}); records written before this field existed read as {@code false},
 *     the default
 */
public record TenantSnapshot(
    String eventId,
    Instant occurredAt,
    int schemaVersion,
    String tenantId,
    String displayName,
    List<String> domains,
    String adminEmail,
    TenantStatus status,
    boolean autoPush,
    long syncIntervalSeconds,
    String dwdClientId,
    boolean createAliasSendAs)
    implements SignetEvent {

  public static final int SCHEMA_VERSION = 1;

  public TenantSnapshot {
    required(eventId, "eventId");
    required(occurredAt, "occurredAt");
    required(tenantId, "tenantId");
    required(adminEmail, "adminEmail");
    required(status, "status");
    domains = listOrEmpty(domains);
  }
}
