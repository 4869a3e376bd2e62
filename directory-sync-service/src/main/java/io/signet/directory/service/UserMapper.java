package io.signet.directory.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.google.api.services.directory.model.User;
import com.google.api.services.directory.model.UserName;
import io.signet.events.DirectoryUser;
import io.signet.events.DirectoryUser.PersonName;
import io.signet.events.DirectoryUser.Phone;
import io.signet.events.DirectoryUser.PostalAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Turns a Google directory user into Signet's {@link DirectoryUser}, with a content hash over
 * exactly the fields Signet uses: equal hashes mean nothing a signature depends on changed.
 */
public final class UserMapper {

  /** Sorted keys everywhere, so the same content always hashes the same. */
  private static final ObjectMapper CANONICAL =
      JsonMapper.builder()
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .build();

  private UserMapper() {}

  /** The user's content: the event without its identity, time and hash. */
  record Content(
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
      String photoUrl) {}

  public static DirectoryUser event(String tenantId, User user, List<String> groups) {
    Content content = content(user, groups);
    return new DirectoryUser(
        UUID.randomUUID().toString(),
        Instant.now(),
        DirectoryUser.SCHEMA_VERSION,
        tenantId,
        content.userId(),
        content.primaryEmail(),
        content.aliases(),
        content.name(),
        content.title(),
        content.department(),
        content.phones(),
        content.addresses(),
        content.orgUnitPath(),
        content.groups(),
        content.customSchemas(),
        content.suspended(),
        content.archived(),
        content.photoUrl(),
        hash(content));
  }

  static Content content(User user, List<String> groups) {
    UserName name = user.getName();
    Map<String, Object> organization = primary(user.getOrganizations());
    return new Content(
        user.getId(),
        user.getPrimaryEmail().toLowerCase(),
        user.getAliases() == null ? List.of() : user.getAliases().stream().sorted().toList(),
        name == null
            ? new PersonName(null, null, null, null)
            : new PersonName(
                name.getGivenName(),
                name.getFamilyName(),
                name.getFullName(),
                name.getDisplayName()),
        text(organization, "title"),
        text(organization, "department"),
        phones(user.getPhones()),
        addresses(user.getAddresses()),
        user.getOrgUnitPath(),
        groups.stream().map(String::toLowerCase).distinct().sorted().toList(),
        customSchemas(user.getCustomSchemas()),
        Boolean.TRUE.equals(user.getSuspended()),
        Boolean.TRUE.equals(user.getArchived()),
        user.getThumbnailPhotoUrl());
  }

  static String hash(Content content) {
    try {
      byte[] canonical = CANONICAL.writeValueAsBytes(content);
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot hash a directory user", e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> primary(Object organizations) {
    if (!(organizations instanceof List<?> list) || list.isEmpty()) {
      return Map.of();
    }
    return list.stream()
        .filter(Map.class::isInstance)
        .map(entry -> (Map<String, Object>) entry)
        .filter(entry -> Boolean.TRUE.equals(entry.get("primary")))
        .findFirst()
        .orElse(list.get(0) instanceof Map<?, ?> first ? (Map<String, Object>) first : Map.of());
  }

  private static List<Phone> phones(Object value) {
    List<Phone> phones = new ArrayList<>();
    if (value instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof Map<?, ?> phone && phone.get("value") != null) {
          phones.add(
              new Phone(
                  text(phone, "type"),
                  phone.get("value").toString(),
                  Boolean.TRUE.equals(phone.get("primary"))));
        }
      }
    }
    return phones;
  }

  private static List<PostalAddress> addresses(Object value) {
    List<PostalAddress> addresses = new ArrayList<>();
    if (value instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof Map<?, ?> address) {
          addresses.add(
              new PostalAddress(
                  text(address, "type"),
                  text(address, "formatted"),
                  text(address, "streetAddress"),
                  text(address, "locality"),
                  text(address, "region"),
                  text(address, "postalCode"),
                  text(address, "country"),
                  Boolean.TRUE.equals(address.get("primary"))));
        }
      }
    }
    return addresses;
  }

  private static Map<String, Map<String, Object>> customSchemas(
      Map<String, Map<String, Object>> schemas) {
    Map<String, Map<String, Object>> sorted = new TreeMap<>();
    if (schemas != null) {
      schemas.forEach((schema, fields) -> sorted.put(schema, new TreeMap<>(fields)));
    }
    return sorted;
  }

  private static String text(Map<?, ?> map, String key) {
    Object value = map.get(key);
    return value == null || value.toString().isEmpty() ? null : value.toString();
  }
}
