package io.signet.emulator.state;

import java.util.List;
import java.util.Map;

/**
 * A user to create, or (in a patch) the fields to change: {@code null} leaves a field as it is.
 *
 * @param gmailEnabled whether the user has a Gmail licence (default true)
 * @param isAdmin shortcut for a Super Admin role assignment
 * @param sendAs addresses the user set up under Gmail's "Send mail as": the user's own aliases are
 *     accepted, any other address waits for verification ({@code pending}); in a patch, added to
 *     the user's sendAs entries (none is removed)
 */
public record UserSpec(
    String primaryEmail,
    String givenName,
    String familyName,
    String title,
    String department,
    List<Phone> phones,
    List<Address> addresses,
    String orgUnitPath,
    List<String> aliases,
    Boolean suspended,
    Boolean archived,
    Boolean gmailEnabled,
    Boolean isAdmin,
    Map<String, Map<String, Object>> customSchemas,
    String thumbnailPhotoUrl,
    List<String> sendAs) {

  /** A phone as the Directory API holds it. */
  public record Phone(String value, String type, Boolean primary) {}

  /** A postal address as the Directory API holds it. */
  public record Address(
      String type,
      String formatted,
      String streetAddress,
      String locality,
      String region,
      String postalCode,
      String country,
      Boolean primary) {}

  /** A patch that changes only the title. */
  public static UserSpec titlePatch(String title) {
    return new UserSpec(
        null, null, null, title, null, null, null, null, null, null, null, null, null, null, null,
        null);
  }

  /** A patch that renames the user: a new primary address. */
  public static UserSpec renamePatch(String primaryEmail) {
    return new UserSpec(
        primaryEmail,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** A patch that suspends or restores the user. */
  public static UserSpec suspendedPatch(boolean suspended) {
    return new UserSpec(
        null, null, null, null, null, null, null, null, null, suspended, null, null, null, null,
        null, null);
  }

  /** A patch that gives or takes away the user's Gmail licence. */
  public static UserSpec gmailPatch(boolean enabled) {
    return new UserSpec(
        null, null, null, null, null, null, null, null, null, null, null, enabled, null, null, null,
        null);
  }

  public static UserSpec ofEmail(String primaryEmail, String givenName, String familyName) {
    return new UserSpec(
        primaryEmail,
        givenName,
        familyName,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }
}
