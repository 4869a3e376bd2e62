package io.signet.events;

import static io.signet.events.EventFields.listOrEmpty;
import static io.signet.events.EventFields.required;

import java.time.Instant;
import java.util.List;

/**
 * The sendAs addresses Gmail holds for one user ({@code users.settings.sendAs.list}), published on
 * {@link Topics#SEND_AS} keyed by {@link Topics#userKey} whenever push-service reads a list that
 * differs from the last one it published. Gmail's sendAs list, not the Directory's aliases, decides
 * which addresses get a signature: a Directory alias receives mail but is no sendAs entry until
 * someone creates one.
 *
 * @param addresses every sendAs entry, the primary first
 * @param listedAt when Gmail answered the list
 */
public record SendAsSnapshot(
    String eventId,
    Instant occurredAt,
    int schemaVersion,
    String tenantId,
    String userId,
    List<Address> addresses,
    Instant listedAt)
    implements SignetEvent {

  public static final int SCHEMA_VERSION = 1;

  public SendAsSnapshot {
    required(eventId, "eventId");
    required(occurredAt, "occurredAt");
    required(tenantId, "tenantId");
    required(userId, "userId");
    required(listedAt, "listedAt");
    addresses = listOrEmpty(addresses);
  }

  /**
   * One sendAs entry as Gmail lists it.
   *
   * @param primary Gmail's {@code isPrimary}: the account's own address
   * @param treatAsAlias Gmail's {@code treatAsAlias}
   * @param verificationStatus {@code accepted} or {@code pending} for custom addresses, null for
   *     the primary
   */
  public record Address(
      String sendAsEmail, boolean primary, boolean treatAsAlias, String verificationStatus) {
    public Address {
      required(sendAsEmail, "sendAsEmail");
    }

    /** Whether Gmail lets the user send as it: the primary, or a custom address not pending. */
    public boolean usable() {
      return primary || verificationStatus == null || "accepted".equals(verificationStatus);
    }
  }
}
