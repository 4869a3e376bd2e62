package io.signet.tenant.service;

import com.google.api.services.directory.Directory;
import com.google.api.services.directory.model.Member;
import com.google.api.services.directory.model.Members;
import com.google.api.services.directory.model.Role;
import com.google.api.services.directory.model.RoleAssignment;
import com.google.api.services.directory.model.RoleAssignments;
import com.google.api.services.directory.model.Roles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads which of the connector's roles an admin holds, as Google stores them: every page of
 * roles.list and roleAssignments.list, roles held through groups included.
 */
final class AdminRoles {

  /** Google's largest pages: roles.list allows 100, roleAssignments.list 200. */
  private static final int ROLES_PAGE = 100;

  private static final int ASSIGNMENTS_PAGE = 200;
  private static final int MEMBERS_PAGE = 200;
  static final String GROUP_ASSIGNEE = "group";

  /**
   * The connector's roles, recognised as Google stores them: Super Admin by {@code
   * isSuperAdminRole}, the others as system roles by their fixed system name (the display name and
   * description are the admin console's and may be localised).
   */
  enum RequiredRole {
    SUPER_ADMIN("Super Admin", null),
    GROUPS_ADMIN("Groups Admin", "_GROUPS_ADMIN_ROLE"),
    USER_MANAGEMENT_ADMIN("User Management Admin", "_USER_MANAGEMENT_ADMIN_ROLE"),
    SERVICES_ADMIN("Services Admin", "_SERVICES_ADMIN_ROLE");

    private final String label;
    private final String systemName;

    RequiredRole(String label, String systemName) {
      this.label = label;
      this.systemName = systemName;
    }

    String label() {
      return label;
    }

    boolean isMetBy(Role role) {
      if (systemName == null) {
        return Boolean.TRUE.equals(role.getIsSuperAdminRole());
      }
      return Boolean.TRUE.equals(role.getIsSystemRole()) && systemName.equals(role.getRoleName());
    }
  }

  /**
   * What was found.
   *
   * @param roles each connector role held, with the assignment that gives it (a direct one when
   *     there are several)
   */
  record Held(Map<RequiredRole, RoleAssignment> roles, int rolesRead, int assignmentsRead) {}

  private AdminRoles() {}

  /**
   * @param groupDirectory a client allowed to read group members, or {@code null}: roles held only
   *     through nested groups are then not found
   */
  static Held read(Directory roleDirectory, Directory groupDirectory, String adminEmail)
      throws IOException {
    Map<Long, Role> roles = allRoles(roleDirectory);
    List<RoleAssignment> assignments = allAssignments(roleDirectory, adminEmail);
    Map<RequiredRole, RoleAssignment> held = new EnumMap<>(RequiredRole.class);
    for (RoleAssignment assignment : assignments) {
      Role role = roles.get(assignment.getRoleId());
      if (role == null) {
        continue;
      }
      for (RequiredRole required : RequiredRole.values()) {
        if (required.isMetBy(role)) {
          held.merge(required, assignment, AdminRoles::preferDirect);
        }
      }
    }
    if (held.size() < RequiredRole.values().length && groupDirectory != null) {
      heldThroughNestedGroups(roleDirectory, groupDirectory, roles, adminEmail, held);
    }
    return new Held(held, roles.size(), assignments.size());
  }

  /** Every role of the customer, by id: all pages of roles.list. */
  private static Map<Long, Role> allRoles(Directory directory) throws IOException {
    Map<Long, Role> roles = new HashMap<>();
    String pageToken = null;
    do {
      Roles page =
          directory
              .roles()
              .list("my_customer")
              .setMaxResults(ROLES_PAGE)
              .setPageToken(pageToken)
              .execute();
      Objects.requireNonNullElse(page.getItems(), List.<Role>of())
          .forEach(role -> roles.put(role.getRoleId(), role));
      pageToken = page.getNextPageToken();
    } while (pageToken != null && !pageToken.isEmpty());
    return roles;
  }

  /**
   * Every role assignment the admin holds, their own and those of the groups they belong to (Google
   * includes the latter only with includeIndirectRoleAssignments and a userKey).
   */
  private static List<RoleAssignment> allAssignments(Directory directory, String adminEmail)
      throws IOException {
    List<RoleAssignment> assignments = new ArrayList<>();
    String pageToken = null;
    do {
      RoleAssignments page =
          directory
              .roleAssignments()
              .list("my_customer")
              .setUserKey(adminEmail)
              .setIncludeIndirectRoleAssignments(true)
              .setMaxResults(ASSIGNMENTS_PAGE)
              .setPageToken(pageToken)
              .execute();
      assignments.addAll(Objects.requireNonNullElse(page.getItems(), List.of()));
      pageToken = page.getNextPageToken();
    } while (pageToken != null && !pageToken.isEmpty());
    return assignments;
  }

  /**
   * Google does not say whether roleAssignments.list names the roles of a group the admin is in
   * only through a nested group. So for each role still missing, the groups holding it are read
   * with their derived (nested) membership, and a group the admin belongs to at any depth counts.
   */
  private static void heldThroughNestedGroups(
      Directory roleDirectory,
      Directory groupDirectory,
      Map<Long, Role> roles,
      String adminEmail,
      Map<RequiredRole, RoleAssignment> held)
      throws IOException {
    Map<String, Boolean> membership = new HashMap<>();
    String pageToken = null;
    do {
      RoleAssignments page =
          roleDirectory
              .roleAssignments()
              .list("my_customer")
              .setMaxResults(ASSIGNMENTS_PAGE)
              .setPageToken(pageToken)
              .execute();
      for (RoleAssignment assignment :
          Objects.requireNonNullElse(page.getItems(), List.<RoleAssignment>of())) {
        Role role = roles.get(assignment.getRoleId());
        if (role == null || !GROUP_ASSIGNEE.equals(assignment.getAssigneeType())) {
          continue;
        }
        for (RequiredRole required : RequiredRole.values()) {
          if (!held.containsKey(required)
              && required.isMetBy(role)
              && membership.computeIfAbsent(
                  assignment.getAssignedTo(),
                  group -> isMember(groupDirectory, group, adminEmail))) {
            held.put(required, assignment);
          }
        }
      }
      pageToken = page.getNextPageToken();
    } while (pageToken != null && !pageToken.isEmpty());
  }

  /** Whether the admin is in the group at any depth (members.list with derived membership). */
  private static boolean isMember(Directory directory, String groupId, String adminEmail) {
    try {
      String pageToken = null;
      do {
        Members page =
            directory
                .members()
                .list(groupId)
                .setIncludeDerivedMembership(true)
                .setMaxResults(MEMBERS_PAGE)
                .setPageToken(pageToken)
                .execute();
        for (Member member : Objects.requireNonNullElse(page.getMembers(), List.<Member>of())) {
          if (adminEmail.equalsIgnoreCase(member.getEmail())) {
            return true;
          }
        }
        pageToken = page.getNextPageToken();
      } while (pageToken != null && !pageToken.isEmpty());
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static RoleAssignment preferDirect(RoleAssignment first, RoleAssignment second) {
    return GROUP_ASSIGNEE.equals(first.getAssigneeType()) ? second : first;
  }
}
