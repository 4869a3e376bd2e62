package io.signet.render.service;

import io.quarkus.qute.RawString;
import io.signet.events.DirectoryUser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The documented data a template sees: {@code user}, {@code sendAs}, {@code tenant} and {@code
 * campaign}. Every key is always present ({@code null} when empty), so {@code {#if}} blocks decide
 * what shows. Right-to-left values come pre-escaped inside {@code <span dir="rtl">}; all others are
 * escaped by the template.
 */
public final class RenderModel {

  /** The fields a template may use, per root: anything else is warned about at save. */
  public static final Map<String, Set<String>> FIELDS =
      Map.of(
          "user",
          Set.of(
              "givenName",
              "familyName",
              "fullName",
              "displayName",
              "email",
              "title",
              "department",
              "orgUnit",
              "groups",
              "phones",
              "phone",
              "address",
              "custom",
              "aliases"),
          "sendAs",
          Set.of("email", "displayName", "isPrimary"),
          "tenant",
          Set.of("name", "domain"),
          "campaign",
          Set.of("name", "banner"));

  private RenderModel() {}

  /** A tenant as templates see it. */
  public record Tenant(String name, String domain, String phoneRegion) {}

  /**
   * The campaign banner shown now, if any: its HTML goes in unescaped, and the whole rendered
   * signature is sanitised afterwards, banner included.
   */
  public record Banner(String name, String html) {}

  public static Map<String, Object> of(
      DirectoryUser user,
      String sendAsEmail,
      String sendAsDisplayName,
      Tenant tenant,
      Banner banner) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("user", user(user, tenant.phoneRegion()));
    Map<String, Object> sendAs = new LinkedHashMap<>();
    sendAs.put("email", sendAsEmail);
    sendAs.put("displayName", text(sendAsDisplayName));
    sendAs.put("isPrimary", sendAsEmail.equalsIgnoreCase(user.primaryEmail()));
    model.put("sendAs", sendAs);
    Map<String, Object> tenantMap = new LinkedHashMap<>();
    tenantMap.put("name", text(tenant.name()));
    tenantMap.put("domain", tenant.domain());
    model.put("tenant", tenantMap);
    Map<String, Object> campaign = null;
    if (banner != null) {
      campaign = new LinkedHashMap<>();
      campaign.put("name", banner.name());
      campaign.put("banner", new RawString(banner.html()));
    }
    model.put("campaign", campaign);
    return model;
  }

  private static Map<String, Object> user(DirectoryUser user, String region) {
    Map<String, Object> map = new LinkedHashMap<>();
    DirectoryUser.PersonName name = user.name();
    map.put("givenName", text(name.givenName()));
    map.put("familyName", text(name.familyName()));
    map.put("fullName", text(name.fullName()));
    map.put("displayName", text(name.displayName() != null ? name.displayName() : name.fullName()));
    map.put("email", user.primaryEmail());
    map.put("title", text(user.title()));
    map.put("department", text(user.department()));
    map.put("orgUnit", user.orgUnitPath());
    map.put("groups", user.groups());
    map.put("aliases", user.aliases());
    List<Map<String, Object>> phones = new ArrayList<>();
    Map<String, Object> byType = new LinkedHashMap<>();
    for (String type : List.of("work", "mobile", "home", "main", "work_mobile", "other")) {
      byType.put(type, null);
    }
    for (DirectoryUser.Phone phone : user.phones()) {
      String formatted = PhoneFormatter.format(phone.value(), region);
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("type", phone.type());
      entry.put("number", formatted);
      entry.put("primary", phone.primary());
      phones.add(entry);
      String type = phone.type() == null ? "other" : phone.type();
      if (byType.get(type) == null) {
        byType.put(type, formatted);
      }
    }
    map.put("phones", phones);
    map.put("phone", byType);
    map.put("address", text(address(user)));
    Map<String, Object> custom = new LinkedHashMap<>();
    user.customSchemas()
        .forEach((schema, fields) -> custom.put(schema, new LinkedHashMap<>(fields)));
    map.put("custom", custom);
    return map;
  }

  private static String address(DirectoryUser user) {
    return user.addresses().stream()
        .filter(DirectoryUser.PostalAddress::primary)
        .findFirst()
        .or(() -> user.addresses().stream().findFirst())
        .map(
            address ->
                address.formatted() != null
                    ? address.formatted()
                    : String.join(
                        ", ",
                        java.util.stream.Stream.of(
                                address.streetAddress(),
                                address.postalCode() == null
                                    ? address.locality()
                                    : address.postalCode() + " " + address.locality(),
                                address.country())
                            .filter(part -> part != null && !part.isBlank())
                            .toList()))
        .orElse(null);
  }

  /** Empty stays {@code null}; right-to-left text is escaped here and marked with {@code dir}. */
  private static Object text(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    if (TextDirection.isRightToLeft(value)) {
      return new RawString("<span dir=\"rtl\">" + escape(value) + "</span>");
    }
    return value;
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
