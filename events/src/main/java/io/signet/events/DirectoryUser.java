package io.signet.events;

import static io.signet.events.EventFields.listOrEmpty;
import static io.signet.events.EventFields.mapOrEmpty;
import static io.signet.events.EventFields.required;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A directory user as Signet uses it, published on {@link Topics#DIRECTORY_USERS} keyed by {@link
 * Topics#userKey}. A tombstone (null value) means the user is gone.
 *
 * @param userId Google's immutable user id (emails can be renamed)
 * @param groups email addresses of the groups the user belongs to, directly or not
 * @param customSchemas custom schema values: schema name → field name → value
 * @param photoUrl the user's photo URL if one is set (Google's is private without sign-in)
 * @param contentHash hash of every other content field; equal hashes mean nothing changed
 */
public record DirectoryUser(
    String eventId,
    Instant occurredAt,
    int schemaVersion,
    String tenantId,
    String userId,
    String primaryEmail,
    List<String> aliases,
    PersonName name,
    String title,
    String department,
    List<Phone> phones,
    List<PostalAddress> addresses,
    String orgUnitPath,
    List<String> groups,
    Map<String, Map<String, Object>> customSchemas,
    boolean suspended,
    boolean archived,
    String photoUrl,
    String contentHash)
    implements SignetEvent {

  public static final int SCHEMA_VERSION = 1;

  public DirectoryUser {
    required(eventId, "eventId");
    required(occurredAt, "occurredAt");
    required(tenantId, "tenantId");
    required(userId, "userId");
    required(primaryEmail, "primaryEmail");
    required(contentHash, "contentHash");
    name = name == null ? new PersonName(null, null, null, null) : name;
    aliases = listOrEmpty(aliases);
    phones = listOrEmpty(phones);
    addresses = listOrEmpty(addresses);
    groups = listOrEmpty(groups);
    customSchemas = mapOrEmpty(customSchemas);
  }

  /** The user's names as the directory holds them; any may be absent. */
  public record PersonName(
      String givenName, String familyName, String fullName, String displayName) {}

  /**
   * A phone number as entered in the directory.
   *
   * @param type Google's phone type ({@code work}, {@code mobile}, {@code home}, … or {@code
   *     custom})
   */
  public record Phone(String type, String value, boolean primary) {}

  /** A postal address; {@code formatted} is the full address when the directory has one. */
  public record PostalAddress(
      String type,
      String formatted,
      String streetAddress,
      String locality,
      String region,
      String postalCode,
      String country,
      boolean primary) {}
}
