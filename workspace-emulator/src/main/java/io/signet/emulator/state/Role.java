package io.signet.emulator.state;

import java.util.List;

/**
 * An admin role of a customer, with its int64 id.
 *
 * @param privileges privilege names, all of service id {@code serviceId}
 */
public record Role(
    String roleId,
    String roleName,
    String description,
    boolean isSystemRole,
    boolean isSuperAdminRole,
    String serviceId,
    List<String> privileges) {

  public static final String SUPER_ADMIN = "_SEED_ADMIN_ROLE";
  public static final String GROUPS_ADMIN = "_GROUPS_ADMIN_ROLE";
  public static final String USER_MANAGEMENT_ADMIN = "_USER_MANAGEMENT_ADMIN_ROLE";
  public static final String SERVICES_ADMIN = "_SERVICES_ADMIN_ROLE";
  public static final String HELP_DESK_ADMIN = "_HELP_DESK_ADMIN_ROLE";
}
