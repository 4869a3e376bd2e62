package io.signet.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.signet.emulator.state.Role;
import io.signet.emulator.state.RoleAssignment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The admin-roles item reads roles as Google stores them: through groups, over every page, and by
 * role ids, {@code isSuperAdminRole} and system role names.
 */
@QuarkusTest
@TenantServiceTestProfile
class VerificationRolesTest {

  private static final List<String> DELEGABLE_TO_GROUPS =
      List.of(Role.GROUPS_ADMIN, Role.USER_MANAGEMENT_ADMIN, Role.SERVICES_ADMIN);

  @Test
  void anAdminHoldingTheRolesThroughANestedGroupPasses() {
    Onboarding o = new Onboarding();
    String[] tenant = o.createTenant();
    String token = Onboarding.exchange(tenant[1]);
    // Super Admin stays direct: Google refuses a group as Super Admin.
    removeDirect(o, DELEGABLE_TO_GROUPS);
    o.google.createGroup(o.customerId, "it-admins@" + o.domain, "IT admins", null);
    o.google.createGroup(o.customerId, "platform@" + o.domain, "Platform", null);
    o.google.addMember("it-admins@" + o.domain, "platform@" + o.domain, null);
    o.google.addMember("platform@" + o.domain, o.admin, null);
    for (String role : DELEGABLE_TO_GROUPS) {
      o.google.assignRoleToGroup(o.customerId, "it-admins@" + o.domain, role);
    }

    JsonPath report = o.verify(tenant[0], token).extract().jsonPath();

    assertThat(report.getBoolean("passed")).as(report.prettify()).isTrue();
    assertThat(item(report, "ADMIN_ROLES").get("evidence"))
        .asString()
        .contains("Groups Admin, User Management Admin, Services Admin through a group");
  }

  @Test
  void aGroupTheAdminIsNotInGivesTheAdminNothing() {
    Onboarding o = new Onboarding();
    String[] tenant = o.createTenant();
    String token = Onboarding.exchange(tenant[1]);
    removeDirect(o, List.of(Role.SERVICES_ADMIN));
    o.google.createGroup(o.customerId, "others@" + o.domain, "Others", null);
    o.google.addMember("others@" + o.domain, "jane@" + o.domain, null);
    o.google.assignRoleToGroup(o.customerId, "others@" + o.domain, Role.SERVICES_ADMIN);

    JsonPath report = o.verify(tenant[0], token).extract().jsonPath();

    assertThat(report.getBoolean("passed")).isFalse();
    assertThat(item(report, "ADMIN_ROLES"))
        .containsEntry("status", "FAIL")
        .extractingByKey("evidence")
        .asString()
        .endsWith("lacks Services Admin");
  }

  @Test
  void rolesAndAssignmentsOverSeveralPagesAreAllRead() {
    Onboarding o = new Onboarding();
    String[] tenant = o.createTenant();
    String token = Onboarding.exchange(tenant[1]);
    removeDirect(
        o,
        List.of(
            Role.SUPER_ADMIN, Role.GROUPS_ADMIN, Role.USER_MANAGEMENT_ADMIN, Role.SERVICES_ADMIN));
    // 150 custom roles: roles.list (100 a page) lists them before the system roles, so the four
    // the verification looks for are on its second page.
    o.google.createGroup(o.customerId, "helpers@" + o.domain, "Helpers", null);
    o.google.addMember("helpers@" + o.domain, o.admin, null);
    for (int i = 0; i < 150; i++) {
      String name = "custom-" + i;
      o.google.createRole(o.customerId, name, "custom role " + i, null);
      o.google.assignRole(o.customerId, o.admin, name);
      if (i < 70) {
        o.google.assignRoleToGroup(o.customerId, "helpers@" + o.domain, name);
      }
    }
    // 220 assignments first: the connector's four are on the second page (200 a page).
    o.google.assignRole(o.customerId, o.admin, Role.SUPER_ADMIN);
    o.google.assignRole(o.customerId, o.admin, Role.GROUPS_ADMIN);
    for (String role : List.of(Role.USER_MANAGEMENT_ADMIN, Role.SERVICES_ADMIN)) {
      o.google.assignRoleToGroup(o.customerId, "helpers@" + o.domain, role);
    }

    JsonPath report = o.verify(tenant[0], token).extract().jsonPath();

    assertThat(report.getBoolean("passed")).as(report.prettify()).isTrue();
    assertThat(item(report, "ADMIN_ROLES").get("evidence"))
        .asString()
        .contains("read 155 roles and 224 assignments");
  }

  @Test
  void aCustomRoleNamedLikeASystemRoleDoesNotCount() {
    Onboarding o = new Onboarding();
    String[] tenant = o.createTenant();
    String token = Onboarding.exchange(tenant[1]);
    removeDirect(o, List.of(Role.GROUPS_ADMIN));
    o.google.createRole(
        o.customerId, "Groups Admin", "Groups Administrator", List.of("GROUPS_ALL"));
    o.google.assignRole(o.customerId, o.admin, "Groups Admin");

    JsonPath report = o.verify(tenant[0], token).extract().jsonPath();

    assertThat(report.getBoolean("passed")).isFalse();
    assertThat(item(report, "ADMIN_ROLES").get("evidence"))
        .asString()
        .endsWith("lacks Groups Admin");
  }

  private static Map<String, Object> item(JsonPath report, String id) {
    return report.getMap("items.find { it.id == '" + id + "' }");
  }

  /** Takes the named roles' direct assignments away from the admin. */
  private static void removeDirect(Onboarding o, List<String> roleNames) {
    var customer = o.google.requireCustomer(o.customerId);
    String adminId = o.google.requireUser(o.admin).id();
    for (String roleName : roleNames) {
      String roleId =
          customer.roles().stream()
              .filter(r -> r.roleName().equals(roleName))
              .findFirst()
              .orElseThrow()
              .roleId();
      RoleAssignment assignment =
          customer.roleAssignments().stream()
              .filter(a -> a.assignedTo().equals(adminId) && a.roleId().equals(roleId))
              .findFirst()
              .orElseThrow();
      o.google.removeRoleAssignment(o.customerId, assignment.roleAssignmentId());
    }
  }
}
