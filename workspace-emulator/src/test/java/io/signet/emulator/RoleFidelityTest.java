package io.signet.emulator;

import static io.signet.emulator.EmulatorFixture.ADMIN;
import static io.signet.emulator.EmulatorFixture.JANE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.api.services.directory.Directory;
import com.google.api.services.directory.model.Role;
import com.google.api.services.directory.model.RoleAssignment;
import com.google.api.services.directory.model.RoleAssignments;
import com.google.api.services.directory.model.Roles;
import io.signet.google.GoogleError;
import io.signet.google.GoogleErrorClassifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Roles, role assignments to users and to groups, and their paging, through the official client.
 */
class RoleFidelityTest {

  private final EmulatorFixture fixture = new EmulatorFixture();
  private final Directory directory = fixture.directoryAs(ADMIN);

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void aRoleAssignedToAGroupIsListedForAMemberOnlyWithIncludeIndirectRoleAssignments()
      throws Exception {
    fixture.state.createGroup(fixture.customerId, "helpdesk@acme.test", "Help desk", null);
    fixture.state.createGroup(fixture.customerId, "it@acme.test", "IT", null);
    fixture.state.addMember("it@acme.test", "helpdesk@acme.test", null);
    fixture.state.addMember("helpdesk@acme.test", JANE, null);
    String groupId = fixture.state.requireGroup("helpdesk@acme.test").id();
    var assigned =
        fixture.state.assignRoleToGroup(
            fixture.customerId,
            "helpdesk@acme.test",
            io.signet.emulator.state.Role.HELP_DESK_ADMIN);
    // Jane is in "it" only through "helpdesk": undocumented at Google, so not listed for her.
    fixture.state.assignRoleToGroup(
        fixture.customerId, "it@acme.test", io.signet.emulator.state.Role.GROUPS_ADMIN);

    List<RoleAssignment> direct =
        directory.roleAssignments().list("my_customer").setUserKey(JANE).execute().getItems();
    List<RoleAssignment> indirect =
        directory
            .roleAssignments()
            .list("my_customer")
            .setUserKey(JANE)
            .setIncludeIndirectRoleAssignments(true)
            .execute()
            .getItems();
    List<RoleAssignment> ofTheGroup =
        directory
            .roleAssignments()
            .list("my_customer")
            .setUserKey("helpdesk@acme.test")
            .execute()
            .getItems();

    assertThat(direct).isNull();
    assertThat(indirect).hasSize(1);
    RoleAssignment viaGroup = indirect.get(0);
    assertThat(viaGroup.getAssigneeType()).isEqualTo("group");
    assertThat(viaGroup.getAssignedTo()).isEqualTo(groupId);
    assertThat(viaGroup.getRoleAssignmentId())
        .isEqualTo(Long.parseLong(assigned.roleAssignmentId()));
    assertThat(viaGroup.getScopeType()).isEqualTo("CUSTOMER");
    assertThat(ofTheGroup).extracting(RoleAssignment::getAssignedTo).containsExactly(groupId);
  }

  @Test
  void withoutUserKeyTheIndirectFlagChangesNothing() throws Exception {
    fixture.state.createGroup(fixture.customerId, "it@acme.test", "IT", null);
    fixture.state.addMember("it@acme.test", JANE, null);
    fixture.state.assignRoleToGroup(
        fixture.customerId, "it@acme.test", io.signet.emulator.state.Role.HELP_DESK_ADMIN);

    List<RoleAssignment> plain =
        directory.roleAssignments().list("my_customer").execute().getItems();
    List<RoleAssignment> flagged =
        directory
            .roleAssignments()
            .list("my_customer")
            .setIncludeIndirectRoleAssignments(true)
            .execute()
            .getItems();

    // The admin's four assignments and the group's own: never one expanded per member.
    assertThat(plain).hasSize(5);
    assertThat(flagged)
        .extracting(RoleAssignment::getRoleAssignmentId)
        .containsExactlyElementsOf(
            plain.stream().map(RoleAssignment::getRoleAssignmentId).toList());
    assertThat(flagged).extracting(RoleAssignment::getAssigneeType).containsOnly("user", "group");
  }

  @Test
  void roleAssignmentsPageAt200AndRefuseMoreThanThat() throws Exception {
    for (int i = 0; i < 230; i++) {
      fixture.state.assignRole(
          fixture.customerId,
          ADMIN,
          fixture.state.createRole(fixture.customerId, "custom-" + i, null, null).roleName());
    }

    List<Long> ids = new ArrayList<>();
    List<Integer> pageSizes = new ArrayList<>();
    String pageToken = null;
    do {
      RoleAssignments page =
          directory
              .roleAssignments()
              .list("my_customer")
              .setUserKey(ADMIN)
              .setIncludeIndirectRoleAssignments(true)
              .setMaxResults(200)
              .setPageToken(pageToken)
              .execute();
      page.getItems().forEach(a -> ids.add(a.getRoleAssignmentId()));
      pageSizes.add(page.getItems().size());
      pageToken = page.getNextPageToken();
    } while (pageToken != null);
    GoogleError tooMany =
        GoogleErrorClassifier.classify(
            catchThrowable(
                () ->
                    directory.roleAssignments().list("my_customer").setMaxResults(201).execute()));

    assertThat(pageSizes).containsExactly(200, 34);
    assertThat(ids).hasSize(234).doesNotHaveDuplicates();
    assertThat(tooMany.httpStatus()).isEqualTo(400);
    assertThat(tooMany.reason()).isEqualTo("invalid");
  }

  @Test
  void rolesPageAt100WithCustomRolesBeforeTheSystemRoles() throws Exception {
    for (int i = 0; i < 120; i++) {
      fixture.state.createRole(fixture.customerId, "custom-" + i, "a custom role", null);
    }

    List<Role> roles = new ArrayList<>();
    List<Integer> pageSizes = new ArrayList<>();
    String pageToken = null;
    do {
      Roles page =
          directory
              .roles()
              .list("my_customer")
              .setMaxResults(100)
              .setPageToken(pageToken)
              .execute();
      roles.addAll(page.getItems());
      pageSizes.add(page.getItems().size());
      pageToken = page.getNextPageToken();
    } while (pageToken != null);
    GoogleError tooMany =
        GoogleErrorClassifier.classify(
            catchThrowable(
                () -> directory.roles().list("my_customer").setMaxResults(101).execute()));

    assertThat(pageSizes).containsExactly(100, 25);
    assertThat(roles.subList(0, 120)).noneMatch(Role::getIsSystemRole);
    assertThat(roles.subList(120, 125))
        .allMatch(Role::getIsSystemRole)
        .extracting(Role::getRoleName)
        .contains("_SEED_ADMIN_ROLE", "_GROUPS_ADMIN_ROLE");
    assertThat(roles).filteredOn(Role::getIsSuperAdminRole).hasSize(1);
    assertThat(tooMany.httpStatus()).isEqualTo(400);
  }

  @Test
  void superAdminCannotBeGivenToAGroupButAMemberOfANestedAdminGroupMayReadTheDirectory()
      throws Exception {
    fixture.state.createGroup(fixture.customerId, "admins@acme.test", "Admins", null);
    fixture.state.addMember("admins@acme.test", JANE, null);

    Throwable refused =
        catchThrowable(
            () ->
                fixture.state.assignRoleToGroup(
                    fixture.customerId,
                    "admins@acme.test",
                    io.signet.emulator.state.Role.SUPER_ADMIN));
    fixture.state.createGroup(fixture.customerId, "it@acme.test", "IT", null);
    fixture.state.addMember("it@acme.test", "admins@acme.test", null);
    fixture.state.assignRoleToGroup(
        fixture.customerId, "it@acme.test", io.signet.emulator.state.Role.GROUPS_ADMIN);
    var jane = fixture.directoryAs(JANE).users().get(JANE).execute();

    assertThat(refused).hasMessage("Groups are not allowed to be added to this role.");
    assertThat(jane.getIsAdmin()).isFalse();
    assertThat(jane.getPrimaryEmail()).isEqualTo(JANE);
  }
}
