package io.signet.emulator.state;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A user's Directory fields at one moment, immutable: a change builds a new profile and replaces
 * the old one in a single write, so a reader holding a profile never sees half of a patch (a new
 * primary address with the old aliases).
 *
 * @param version counts the changes; Google's etag follows it
 */
public record UserProfile(
    String id,
    String customerId,
    Instant creationTime,
    String primaryEmail,
    List<String> aliases,
    String givenName,
    String familyName,
    String title,
    String department,
    List<Map<String, Object>> phones,
    List<Map<String, Object>> addresses,
    String orgUnitPath,
    boolean suspended,
    boolean archived,
    boolean gmailEnabled,
    Map<String, Map<String, Object>> customSchemas,
    String thumbnailPhotoUrl,
    long version) {

  public UserProfile {
    aliases = List.copyOf(aliases);
    phones = phones.stream().map(UserProfile::frozen).toList();
    addresses = addresses.stream().map(UserProfile::frozen).toList();
    Map<String, Map<String, Object>> schemas = new LinkedHashMap<>();
    customSchemas.forEach(
        (name, fields) -> schemas.put(name, fields == null ? null : frozen(fields)));
    customSchemas = Collections.unmodifiableMap(schemas);
  }

  /** A new user's profile before its spec is applied: only the primary address is set. */
  static UserProfile created(String id, String customerId, String primaryEmail, Instant at) {
    return new UserProfile(
        id,
        customerId,
        at,
        primaryEmail,
        List.of(),
        null,
        null,
        null,
        null,
        List.of(),
        List.of(),
        "/",
        false,
        false,
        true,
        Map.of(),
        null,
        1);
  }

  public String fullName() {
    return String.join(" ", nonNull(givenName), nonNull(familyName)).trim();
  }

  /** Google's etag changes with every change to the user. */
  public String etag() {
    return "\"emu-" + id + "/" + version + "\"";
  }

  /** Whether the address is one of the user's own: the primary or a Directory alias. */
  public boolean ownsAddress(String email) {
    String address = email.toLowerCase();
    return primaryEmail.equalsIgnoreCase(address) || aliases.contains(address);
  }

  /** The same fields under other addresses. */
  UserProfile withAddresses(String primaryEmail, List<String> aliases) {
    return copy(primaryEmail, aliases, version);
  }

  /** The same fields, one change later. */
  UserProfile nextVersion() {
    return copy(primaryEmail, aliases, version + 1);
  }

  private UserProfile copy(String primaryEmail, List<String> aliases, long version) {
    return new UserProfile(
        id,
        customerId,
        creationTime,
        primaryEmail,
        aliases,
        givenName,
        familyName,
        title,
        department,
        phones,
        addresses,
        orgUnitPath,
        suspended,
        archived,
        gmailEnabled,
        customSchemas,
        thumbnailPhotoUrl,
        version);
  }

  /**
   * The fields of {@code spec} that are set replace these (addresses excepted: they are the
   * caller's to check); a field out of bounds is refused before anything changes.
   */
  UserProfile patchedWith(UserSpec spec) {
    String title =
        spec.title() == null
            ? this.title
            : Validation.text(spec.title(), "title", 500).isEmpty() ? null : spec.title();
    String department =
        spec.department() == null
            ? this.department
            : Validation.text(spec.department(), "department", 500).isEmpty()
                ? null
                : spec.department();
    if (spec.orgUnitPath() != null && !spec.orgUnitPath().startsWith("/")) {
      throw AdminException.badRequest("orgUnitPath starts with /: " + spec.orgUnitPath());
    }
    return new UserProfile(
        id,
        customerId,
        creationTime,
        primaryEmail,
        aliases,
        spec.givenName() == null ? givenName : Validation.text(spec.givenName(), "givenName", 60),
        spec.familyName() == null
            ? familyName
            : Validation.text(spec.familyName(), "familyName", 60),
        title,
        department,
        spec.phones() == null ? phones : spec.phones().stream().map(UserProfile::phone).toList(),
        spec.addresses() == null
            ? addresses
            : spec.addresses().stream().map(UserProfile::address).toList(),
        spec.orgUnitPath() == null ? orgUnitPath : spec.orgUnitPath(),
        spec.suspended() == null ? suspended : spec.suspended(),
        spec.archived() == null ? archived : spec.archived(),
        spec.gmailEnabled() == null ? gmailEnabled : spec.gmailEnabled(),
        spec.customSchemas() == null ? customSchemas : spec.customSchemas(),
        spec.thumbnailPhotoUrl() == null ? thumbnailPhotoUrl : spec.thumbnailPhotoUrl(),
        version);
  }

  private static Map<String, Object> phone(UserSpec.Phone phone) {
    if (phone.value() == null || phone.value().isBlank()) {
      throw AdminException.badRequest("a phone needs a value");
    }
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("value", phone.value());
    map.put("type", phone.type() == null ? "work" : phone.type());
    if (phone.primary() != null) {
      map.put("primary", phone.primary());
    }
    return map;
  }

  private static Map<String, Object> address(UserSpec.Address address) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("type", address.type() == null ? "work" : address.type());
    putIfPresent(map, "formatted", address.formatted());
    putIfPresent(map, "streetAddress", address.streetAddress());
    putIfPresent(map, "locality", address.locality());
    putIfPresent(map, "region", address.region());
    putIfPresent(map, "postalCode", address.postalCode());
    putIfPresent(map, "country", address.country());
    if (address.primary() != null) {
      map.put("primary", address.primary());
    }
    return map;
  }

  private static void putIfPresent(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  /** An unmodifiable copy keeping the order (and any null values) of a JSON object. */
  private static <V> Map<String, V> frozen(Map<String, V> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  private static String nonNull(String value) {
    return value == null ? "" : value;
  }
}
