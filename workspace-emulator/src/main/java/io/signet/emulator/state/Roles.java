package io.signet.emulator.state;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Each customer's roles (system roles, then custom ones) and role assignments to users and groups,
 * and who holds which role through them.
 */
final class Roles {

  /** Google allows 750 custom roles per organisation (Directory API guide "Manage roles"). */
  private static final int MAX_CUSTOM_ROLES = 750;

  private static final String SERVICE_ID = "00haapch16h1ysv";

  private final Customers customers;
  private final Groups groups;
  private final Ids ids;

  Roles(Customers customers, Groups groups, Ids ids) {
    this.customers = customers;
    this.groups = groups;
    this.ids = ids;
  }

  /** The system roles every new customer has. */
  static List<Role> systemRoles(Ids ids) {
    return List.of(
        system(ids, Role.SUPER_ADMIN, "Super Admin", true, List.of("SUPER_ADMIN")),
        system(ids, Role.GROUPS_ADMIN, "Groups Administrator", false, List.of("GROUPS_ALL")),
        system(
            ids,
            Role.USER_MANAGEMENT_ADMIN,
            "User Management Administrator",
            false,
            List.of("USERS_ALL")),
        system(
            ids, Role.SERVICES_ADMIN, "Services Administrator", false, List.of("MANAGE_SERVICES")),
        system(
            ids,
            Role.HELP_DESK_ADMIN,
            "Help Desk Administrator",
            false,
            List.of("USERS_RETRIEVE", "USERS_RESET_PASSWORD")));
  }

  private static Role system(
      Ids ids, String name, String description, boolean superAdmin, List<String> privileges) {
    return new Role(ids.digits(17), name, description, true, superAdmin, SERVICE_ID, privileges);
  }

  /** Assigns a role to a user of the customer (once: a second time answers the first). */
  RoleAssignment assignToUser(Customer customer, EmulatedUser user, String roleName) {
    return assign(customer, user.id(), RoleAssignment.USER, roleName);
  }

  /**
   * Assigns a role to a group: its members, direct or through nested groups, hold the role (Google
   * lists it for them only with {@code includeIndirectRoleAssignments=true}). Super Admin is
   * refused, as Google's Admin console refuses it. The group is one of the customer's.
   */
  RoleAssignment assignToGroup(Customer customer, EmulatedGroup group, String roleName) {
    // The Admin console refuses a group as Super Admin with this message: super admins are
    // always assigned one by one.
    if (customer.roles.stream()
        .anyMatch(r -> r.roleName().equals(roleName) && r.isSuperAdminRole())) {
      throw AdminException.badRequest("Groups are not allowed to be added to this role.");
    }
    return assign(customer, group.id, RoleAssignment.GROUP, roleName);
  }

  /** Creates a custom role (Google's {@code roles.insert}): never a system or super admin role. */
  Role create(Customer customer, String roleName, String description, List<String> privileges) {
    String name = Validation.text(roleName, "roleName", 100);
    if (name.isBlank()) {
      throw AdminException.badRequest("roleName is required");
    }
    if (customer.roles.stream().anyMatch(r -> r.roleName().equals(name))) {
      throw AdminException.conflict("role " + name + " exists");
    }
    if (customer.roles.stream().filter(r -> !r.isSystemRole()).count() >= MAX_CUSTOM_ROLES) {
      throw AdminException.badRequest(
          "a customer has at most " + MAX_CUSTOM_ROLES + " custom roles");
    }
    Role role =
        new Role(
            ids.digits(17),
            name,
            Validation.text(description == null ? "" : description, "description", 4096),
            false,
            false,
            SERVICE_ID,
            privileges == null || privileges.isEmpty() ? List.of("USERS_RETRIEVE") : privileges);
    customer.roles.add(role);
    return role;
  }

  void removeAssignment(Customer customer, String roleAssignmentId) {
    if (!customer.roleAssignments.removeIf(a -> a.roleAssignmentId().equals(roleAssignmentId))) {
      throw AdminException.notFound("no role assignment " + roleAssignmentId);
    }
  }

  /** Removes every assignment to a user (the user was deleted). */
  void removeAssignmentsOf(EmulatedUser user) {
    customers
        .of(user.customerId())
        .roleAssignments
        .removeIf(assignment -> assignment.assignedTo().equals(user.id()));
  }

  boolean isSuperAdmin(EmulatedUser user) {
    Customer customer = customers.of(user.customerId());
    // Super Admin cannot be held through a group (assignToGroup refuses it).
    return assignmentsOf(user, false).stream()
        .anyMatch(assignment -> role(customer, assignment.roleId()).isSuperAdminRole());
  }

  /**
   * Whether the user holds any admin role, directly or through a group (nested groups included):
   * only admins may read the directory.
   */
  boolean isAnyAdmin(EmulatedUser user) {
    List<RoleAssignment> all = customers.of(user.customerId()).roleAssignments();
    if (all.stream().anyMatch(a -> a.assignedTo().equals(user.id()))) {
      return true;
    }
    if (all.stream().noneMatch(a -> RoleAssignment.GROUP.equals(a.assigneeType()))) {
      return false;
    }
    Set<String> groupIds = new HashSet<>();
    groups.groupsOf(user).forEach(group -> groupIds.add(group.id));
    return all.stream().anyMatch(a -> groupIds.contains(a.assignedTo()));
  }

  /**
   * The role assignments roleAssignments.list answers for a user: their own, and with {@code
   * indirect} those of the groups the user is a direct member of. Google does not document whether
   * a group nested in an assigned group passes its roles on in this answer: the emulator lists only
   * direct groups' assignments, the answer hardest for a client.
   */
  List<RoleAssignment> assignmentsOf(EmulatedUser user, boolean indirect) {
    Customer customer = customers.of(user.customerId());
    List<RoleAssignment> all = customer.roleAssignments();
    Set<String> assignees = new HashSet<>();
    assignees.add(user.id());
    if (indirect && all.stream().anyMatch(a -> RoleAssignment.GROUP.equals(a.assigneeType()))) {
      String email = user.primaryEmail();
      for (EmulatedGroup group : customer.groupsByEmail.values()) {
        if (group.members().stream().anyMatch(m -> m.email().equals(email))) {
          assignees.add(group.id);
        }
      }
    }
    return all.stream().filter(a -> assignees.contains(a.assignedTo())).toList();
  }

  private RoleAssignment assign(
      Customer customer, String assigneeId, String assigneeType, String roleName) {
    Role role =
        customer.roles.stream()
            .filter(r -> r.roleName().equals(roleName))
            .findFirst()
            .orElseThrow(() -> AdminException.badRequest("no role named " + roleName));
    Optional<RoleAssignment> existing =
        customer.roleAssignments.stream()
            .filter(a -> a.assignedTo().equals(assigneeId) && a.roleId().equals(role.roleId()))
            .findFirst();
    if (existing.isPresent()) {
      return existing.get();
    }
    RoleAssignment assignment =
        new RoleAssignment(ids.digits(17), role.roleId(), assigneeId, assigneeType);
    customer.roleAssignments.add(assignment);
    return assignment;
  }

  private static Role role(Customer customer, String roleId) {
    return customer.roles.stream().filter(r -> r.roleId().equals(roleId)).findFirst().orElseThrow();
  }
}
