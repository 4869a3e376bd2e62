package io.signet.emulator.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.signet.emulator.state.EmulatedGroup;
import io.signet.emulator.state.EmulatedUser;
import io.signet.emulator.state.Role;
import io.signet.emulator.state.RoleAssignment;
import io.signet.emulator.state.UserProfile;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Directory API resources in Google's wire shape (see the real answers in the shared fixtures):
 * int64 ids as strings, lists of objects for organizations, phones and addresses.
 */
final class DirectoryJson {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private DirectoryJson() {}

  /**
   * A user.
   *
   * @param projection {@code basic}, {@code custom} or {@code full}: custom schemas only with the
   *     latter two
   */
  static ObjectNode user(EmulatedUser emulated, boolean isAdmin, String projection) {
    // one snapshot: every field from the same change, whatever is patched meanwhile
    UserProfile user = emulated.profile();
    ObjectNode node = JSON.objectNode();
    node.put("kind", "admin#directory#user");
    node.put("id", user.id());
    node.put("etag", user.etag());
    node.put("primaryEmail", user.primaryEmail());
    ObjectNode name = node.putObject("name");
    putIfPresent(name, "givenName", user.givenName());
    putIfPresent(name, "familyName", user.familyName());
    name.put("fullName", user.fullName());
    node.put("isAdmin", isAdmin);
    node.put("isDelegatedAdmin", false);
    node.put(
        "creationTime",
        DateTimeFormatter.ISO_INSTANT.format(user.creationTime().truncatedTo(ChronoUnit.MILLIS)));
    node.put("agreedToTerms", true);
    node.put("suspended", user.suspended());
    node.put("archived", user.archived());
    node.put("changePasswordAtNextLogin", false);
    node.put("ipWhitelisted", false);
    ArrayNode emails = node.putArray("emails");
    emails.addObject().put("address", user.primaryEmail()).put("primary", true);
    user.aliases().forEach(alias -> emails.addObject().put("address", alias));
    if (user.title() != null || user.department() != null) {
      ObjectNode organization = node.putArray("organizations").addObject();
      putIfPresent(organization, "title", user.title());
      organization.put("primary", true);
      organization.put("customType", "");
      putIfPresent(organization, "department", user.department());
    }
    if (!user.phones().isEmpty()) {
      node.set("phones", Json.MAPPER.valueToTree(user.phones()));
    }
    if (!user.addresses().isEmpty()) {
      node.set("addresses", Json.MAPPER.valueToTree(user.addresses()));
    }
    if (!user.aliases().isEmpty()) {
      ArrayNode aliases = node.putArray("aliases");
      user.aliases().forEach(aliases::add);
    }
    node.put("customerId", user.customerId());
    node.put("orgUnitPath", user.orgUnitPath());
    node.put("isMailboxSetup", user.gmailEnabled());
    node.put("includeInGlobalAddressList", true);
    putIfPresent(node, "thumbnailPhotoUrl", user.thumbnailPhotoUrl());
    if (!"basic".equals(projection) && !user.customSchemas().isEmpty()) {
      node.set("customSchemas", Json.MAPPER.valueToTree(user.customSchemas()));
    }
    return node;
  }

  static ObjectNode group(EmulatedGroup group) {
    ObjectNode node = JSON.objectNode();
    node.put("kind", "admin#directory#group");
    node.put("id", group.id());
    node.put("etag", group.etag());
    node.put("email", group.email());
    node.put("name", group.name());
    node.put("directMembersCount", String.valueOf(group.members().size()));
    node.put("description", group.description());
    node.put("adminCreated", true);
    return node;
  }

  static ObjectNode member(EmulatedGroup.Member member) {
    ObjectNode node = JSON.objectNode();
    node.put("kind", "admin#directory#member");
    node.put("etag", "\"emu-member-" + member.id() + "\"");
    node.put("id", member.id());
    node.put("email", member.email());
    node.put("role", member.role());
    node.put("type", member.type());
    node.put("status", "ACTIVE");
    return node;
  }

  static ObjectNode role(Role role) {
    ObjectNode node = JSON.objectNode();
    node.put("kind", "admin#directory#role");
    node.put("etag", "\"emu-role-" + role.roleId() + "\"");
    node.put("roleId", role.roleId());
    node.put("roleName", role.roleName());
    node.put("roleDescription", role.description());
    ArrayNode privileges = node.putArray("rolePrivileges");
    role.privileges()
        .forEach(
            privilege ->
                privileges
                    .addObject()
                    .put("privilegeName", privilege)
                    .put("serviceId", role.serviceId()));
    node.put("isSystemRole", role.isSystemRole());
    node.put("isSuperAdminRole", role.isSuperAdminRole());
    return node;
  }

  static ObjectNode roleAssignment(RoleAssignment assignment) {
    ObjectNode node = JSON.objectNode();
    node.put("kind", "admin#directory#roleAssignment");
    node.put("etag", "\"emu-ra-" + assignment.roleAssignmentId() + "\"");
    node.put("roleAssignmentId", assignment.roleAssignmentId());
    node.put("roleId", assignment.roleId());
    node.put("assignedTo", assignment.assignedTo());
    node.put("assigneeType", assignment.assigneeType());
    node.put("scopeType", "CUSTOMER");
    return node;
  }

  static ObjectNode list(String kind, String itemsField, ArrayNode items, String nextPageToken) {
    ObjectNode node = JSON.objectNode();
    node.put("kind", kind);
    node.put("etag", "\"emu-list-" + Long.toHexString(System.nanoTime()) + "\"");
    if (!items.isEmpty()) {
      node.set(itemsField, items);
    }
    putIfPresent(node, "nextPageToken", nextPageToken);
    return node;
  }

  private static void putIfPresent(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }
}
