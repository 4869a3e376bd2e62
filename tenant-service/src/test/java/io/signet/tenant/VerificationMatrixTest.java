package io.signet.tenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.signet.emulator.state.Role;
import io.signet.emulator.state.RoleAssignment;
import io.signet.emulator.state.UserSpec;
import io.signet.google.GoogleScopes;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each broken requirement alone yields exactly one FAIL item, with the right evidence. */
@QuarkusTest
@TenantServiceTestProfile
class VerificationMatrixTest {

  static Stream<Arguments> brokenRequirements() {
    return Stream.of(
        broken(
            "admin deleted",
            "ADMIN_ACCOUNT",
            "The account has been deleted",
            o -> o.google.deleteUser(o.admin)),
        broken(
            "admin restricted by Google",
            "ADMIN_ACCOUNT",
            "Account restricted",
            o ->
                o.google.setStanding(
                    o.admin, io.signet.emulator.state.AccountTroubles.Standing.RESTRICTED)),
        broken(
            "admin suspended",
            "ADMIN_ACCOUNT",
            "is suspended",
            o -> o.google.updateUser(o.admin, suspended())),
        broken(
            "not a super admin",
            "SUPER_ADMIN",
            "is not a super admin",
            o -> removeRole(o, Role.SUPER_ADMIN)),
        broken(
            "Groups Admin missing",
            "ADMIN_ROLES",
            "lacks Groups Admin",
            o -> removeRole(o, Role.GROUPS_ADMIN)),
        broken(
            "User Management Admin missing",
            "ADMIN_ROLES",
            "lacks User Management Admin",
            o -> removeRole(o, Role.USER_MANAGEMENT_ADMIN)),
        broken(
            "Services Admin missing",
            "ADMIN_ROLES",
            "lacks Services Admin",
            o -> removeRole(o, Role.SERVICES_ADMIN)),
        broken(
            "no grant",
            "DELEGATION",
            "unauthorized_client for every scope",
            o -> o.google.removeDelegation(o.customerId, Onboarding.sharedClientId())),
        broken(
            "gmail scope missing",
            "DELEGATION",
            GoogleScopes.GMAIL_SETTINGS_BASIC,
            o -> grantAllBut(o, GoogleScopes.GMAIL_SETTINGS_BASIC)),
        broken(
            "user scope missing",
            "DELEGATION",
            GoogleScopes.DIRECTORY_USER_READONLY,
            o -> grantAllBut(o, GoogleScopes.DIRECTORY_USER_READONLY)),
        broken(
            "group scope missing",
            "DELEGATION",
            GoogleScopes.DIRECTORY_GROUP_READONLY,
            o -> grantAllBut(o, GoogleScopes.DIRECTORY_GROUP_READONLY)),
        broken(
            "role scope missing",
            "DELEGATION",
            GoogleScopes.DIRECTORY_ROLEMANAGEMENT_READONLY,
            o -> grantAllBut(o, GoogleScopes.DIRECTORY_ROLEMANAGEMENT_READONLY)),
        broken(
            "wrong client id",
            "DELEGATION",
            "no grant names client id",
            o -> {
              o.google.removeDelegation(o.customerId, Onboarding.sharedClientId());
              o.google.setDelegation(o.customerId, "109876543210987654321", GoogleScopes.REQUIRED);
            }),
        broken(
            "gmail disabled for the admin",
            "GMAIL_ENABLED",
            "Mail service not enabled",
            o -> o.google.updateUser(o.admin, gmailDisabled())),
        broken(
            "key revoked",
            "SERVICE_ACCOUNT_KEY",
            "Invalid JWT Signature.",
            o -> o.google.revokeKey(Onboarding.sharedClientId())),
        broken(
            "service account disabled",
            "SERVICE_ACCOUNT_KEY",
            "Robot is disabled.",
            o ->
                o.google.setStanding(
                    Onboarding.sharedClientId(),
                    io.signet.emulator.state.AccountTroubles.ServiceAccountStanding.DISABLED)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenRequirements")
  void oneBrokenRequirementIsExactlyOneFail(
      String name, String failingItem, String evidence, Consumer<Onboarding> breakIt) {
    Onboarding onboarding = new Onboarding();
    String[] tenant = onboarding.createTenant();
    String token = Onboarding.exchange(tenant[1]);
    breakIt.accept(onboarding);
    try {
      JsonPath report = onboarding.verify(tenant[0], token).extract().jsonPath();

      List<Map<String, Object>> fails = report.getList("items.findAll { it.status == 'FAIL' }");
      assertThat(fails).as(name + ": " + report.prettify()).hasSize(1);
      assertThat(fails.get(0).get("id")).isEqualTo(failingItem);
      assertThat((String) fails.get(0).get("evidence")).contains(evidence);
      assertThat((String) fails.get(0).get("remediation")).isNotBlank();
      assertThat(report.getBoolean("passed")).isFalse();
      given()
          .auth()
          .oauth2(token)
          .get("/api/v1/tenants/" + tenant[0])
          .then()
          .body("status", org.hamcrest.Matchers.equalTo("PENDING"));
    } finally {
      if (name.equals("key revoked") || name.equals("service account disabled")) {
        restoreSharedKey();
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenRequirements")
  void theDelegationFailureShowsTheClientIdAndTheScopeLineToPaste(
      String name, String failingItem, String evidence, Consumer<Onboarding> breakIt) {
    if (!failingItem.equals("DELEGATION")) {
      return;
    }
    Onboarding onboarding = new Onboarding();
    String[] tenant = onboarding.createTenant();
    String token = Onboarding.exchange(tenant[1]);
    breakIt.accept(onboarding);

    String remediation =
        onboarding
            .verify(tenant[0], token)
            .extract()
            .path("items.find { it.id == 'DELEGATION' }.remediation");

    assertThat(remediation)
        .contains(Onboarding.sharedClientId())
        .contains(GoogleScopes.delegationLine())
        .contains("24 hours");
  }

  private static Arguments broken(
      String name, String item, String evidence, Consumer<Onboarding> breakIt) {
    return Arguments.of(name, item, evidence, breakIt);
  }

  private static void removeRole(Onboarding onboarding, String roleName) {
    var customer = onboarding.google.requireCustomer(onboarding.customerId);
    String roleId =
        customer.roles().stream()
            .filter(r -> r.roleName().equals(roleName))
            .findFirst()
            .orElseThrow()
            .roleId();
    String adminId = onboarding.google.requireUser(onboarding.admin).id();
    RoleAssignment assignment =
        customer.roleAssignments().stream()
            .filter(a -> a.assignedTo().equals(adminId) && a.roleId().equals(roleId))
            .findFirst()
            .orElseThrow();
    onboarding.google.removeRoleAssignment(onboarding.customerId, assignment.roleAssignmentId());
  }

  private static void grantAllBut(Onboarding onboarding, String missing) {
    onboarding.google.setDelegation(
        onboarding.customerId,
        Onboarding.sharedClientId(),
        GoogleScopes.REQUIRED.stream().filter(scope -> !scope.equals(missing)).toList());
  }

  private static UserSpec suspended() {
    return UserSpec.suspendedPatch(true);
  }

  private static UserSpec gmailDisabled() {
    return UserSpec.gmailPatch(false);
  }

  /** The shared account's key was revoked: give it a new account, for the tests that follow. */
  private static void restoreSharedKey() {
    Onboarding.resetSharedServiceAccount();
  }
}
