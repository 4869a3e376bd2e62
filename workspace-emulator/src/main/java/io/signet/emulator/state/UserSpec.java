package io.signet.emulator.state;

import java.util.List;
import java.util.Map;

/**
 * A user to create, or (in a patch) the fields to change: {@code null} leaves a field as it is.
 *
 * @param gmailEnabled whether the user has a Gmail licence (default true)
 * @param isAdmin shortcut for a Super Admin role assignment
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
    String thumbnailPhotoUrl) {

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
        null);
  }
}
