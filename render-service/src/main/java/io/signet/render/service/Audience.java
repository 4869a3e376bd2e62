package io.signet.render.service;

import io.signet.events.DirectoryUser;
import java.util.Locale;

/**
 * Who a rule or a campaign applies to: one user (email or id), the members of a group, an org-unit
 * subtree (path prefix), or everyone.
 */
public record Audience(Kind kind, String value) {

  /** The ways to pick users. */
  public enum Kind {
    USER,
    GROUP,
    ORG_UNIT,
    EVERYONE
  }

  public static final Audience EVERYONE = new Audience(Kind.EVERYONE, null);

  public Audience {
    if (kind != Kind.EVERYONE && (value == null || value.isBlank())) {
      throw new IllegalArgumentException(kind + " needs a value");
    }
  }

  public boolean includes(DirectoryUser user) {
    return switch (kind) {
      case EVERYONE -> true;
      case USER ->
          value.equalsIgnoreCase(user.primaryEmail())
              || value.equals(user.userId())
              || user.aliases().stream().anyMatch(value::equalsIgnoreCase);
      case GROUP -> user.groups().stream().anyMatch(value::equalsIgnoreCase);
      case ORG_UNIT -> underOrgUnit(user.orgUnitPath());
    };
  }

  /** {@code /Sales} covers {@code /Sales} and {@code /Sales/EMEA}, not {@code /SalesOps}. */
  private boolean underOrgUnit(String path) {
    if (path == null) {
      return false;
    }
    String prefix = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    String lower = path.toLowerCase(Locale.ROOT);
    String lowerPrefix = prefix.toLowerCase(Locale.ROOT);
    return prefix.isEmpty() || lower.equals(lowerPrefix) || lower.startsWith(lowerPrefix + "/");
  }
}
