package io.signet.emulator;

import static io.signet.emulator.EmulatorFixture.ADMIN;
import static io.signet.emulator.EmulatorFixture.JANE;
import static io.signet.emulator.EmulatorFixture.NOA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.api.services.directory.Directory;
import com.google.api.services.directory.model.Channel;
import com.google.api.services.directory.model.Group;
import com.google.api.services.directory.model.Member;
import com.google.api.services.directory.model.Role;
import com.google.api.services.directory.model.RoleAssignment;
import com.google.api.services.directory.model.User;
import com.google.api.services.directory.model.Users;
import io.signet.emulator.seed.UserGenerator;
import io.signet.emulator.state.UserSpec;
import io.signet.google.GoogleError;
import io.signet.google.GoogleErrorClassifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Admin SDK Directory API through the official Directory client. */
class DirectoryFidelityTest {

  private final EmulatorFixture fixture = new EmulatorFixture();
  private final Directory directory = fixture.directoryAs(ADMIN);

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void usersListPagesThroughEveryUserAt500APage() throws Exception {
    fixture.state.createUsers(
        fixture.customerId, UserGenerator.generate("acme-mail.test", 1_200, 7));
    List<String> emails = new ArrayList<>();
    String pageToken = null;
    int pages = 0;
    do {
      Users page =
          directory
              .users()
              .list()
              .setCustomer("my_customer")
              .setMaxResults(500)
              .setPageToken(pageToken)
              .execute();
      page.getUsers().forEach(user -> emails.add(user.getPrimaryEmail()));
      pageToken = page.getNextPageToken();
      pages++;
    } while (pageToken != null);

    assertThat(pages).isEqualTo(3);
    assertThat(emails).hasSize(1_204).doesNotHaveDuplicates().isSorted();
  }

  @Test
  void usersListHasGooglesUserShape() throws Exception {
    User jane =
        directory
            .users()
            .list()
            .setDomain("acme.test")
            .setProjection("full")
            .execute()
            .getUsers()
            .stream()
            .filter(user -> user.getPrimaryEmail().equals(JANE))
            .findFirst()
            .orElseThrow();

    assertThat(jane.getId()).matches("\\d{21}");
    assertThat(jane.getName().getFullName()).isEqualTo("Jane Doe");
    assertThat(jane.getAliases()).containsExactly("jane@acme.test", "j.doe@acme-mail.test");
    assertThat(jane.getOrgUnitPath()).isEqualTo("/Engineering");
    assertThat(jane.getIsAdmin()).isFalse();
    assertThat((List<?>) jane.getOrganizations())
        .first()
        .isInstanceOfSatisfying(
            Map.class,
            org ->
                assertThat(org)
                    .containsEntry("title", "Head of Engineering")
                    .containsEntry("department", "Engineering"));
    assertThat((List<?>) jane.getPhones()).hasSize(1);
  }

  @Test
  void usersListOrdersByFamilyNameDescending() throws Exception {
    List<User> users =
        directory
            .users()
            .list()
            .setCustomer("my_customer")
            .setOrderBy("familyName")
            .setSortOrder("DESCENDING")
            .execute()
            .getUsers();

    assertThat(users)
        .extracting(user -> user.getName().getFamilyName())
        .isSortedAccordingTo(java.util.Comparator.<String>reverseOrder());
  }

  @Test
  void usersListRefusesBothCustomerAndDomainAndTooLargePages() {
    GoogleError both =
        failure(
            () ->
                directory
                    .users()
                    .list()
                    .setCustomer("my_customer")
                    .setDomain("acme.test")
                    .execute());
    GoogleError tooLarge =
        failure(
            () -> directory.users().list().setCustomer("my_customer").setMaxResults(501).execute());

    assertThat(both.httpStatus()).isEqualTo(400);
    assertThat(tooLarge.httpStatus()).isEqualTo(400);
    assertThat(tooLarge.message()).contains("[1, 500]");
  }

  @Test
  void usersGetFindsAUserByEmailAliasOrId() throws Exception {
    User byEmail = directory.users().get(JANE).execute();

    assertThat(directory.users().get("jane@acme.test").execute().getId())
        .isEqualTo(byEmail.getId());
    assertThat(directory.users().get(byEmail.getId()).execute().getPrimaryEmail()).isEqualTo(JANE);
  }

  @Test
  void usersGetOfAnUnknownUserIsNotFound() {
    GoogleError error = failure(() -> directory.users().get("ghost@acme.test").execute());

    assertThat(error.httpStatus()).isEqualTo(404);
    assertThat(error.message()).isEqualTo("Resource Not Found: userKey");
  }

  @Test
  void aNonAdminSubjectIsNotAuthorized() {
    GoogleError error =
        failure(
            () -> fixture.directoryAs(JANE).users().list().setCustomer("my_customer").execute());

    assertThat(error.httpStatus()).isEqualTo(403);
    assertThat(error.message()).isEqualTo("Not Authorized to access this resource/api");
  }

  @Test
  void groupsAndMembersWithCountsAsInt64Strings() throws Exception {
    fixture.state.createGroup(fixture.customerId, "eng@acme.test", "Engineering", null);
    fixture.state.createGroup(fixture.customerId, "all@acme.test", "All", null);
    fixture.state.addMember("eng@acme.test", JANE, null);
    fixture.state.addMember("all@acme.test", "eng@acme.test", null);
    fixture.state.addMember("all@acme.test", NOA, null);

    List<Group> groups = directory.groups().list().setCustomer("my_customer").execute().getGroups();
    List<Member> derived =
        directory
            .members()
            .list("all@acme.test")
            .setIncludeDerivedMembership(true)
            .execute()
            .getMembers();
    List<Group> janes = directory.groups().list().setUserKey(JANE).execute().getGroups();

    assertThat(groups)
        .extracting(Group::getEmail)
        .containsExactly("all@acme.test", "eng@acme.test");
    assertThat(groups.get(0).getDirectMembersCount()).isEqualTo(2L);
    assertThat(derived)
        .extracting(Member::getEmail)
        .containsExactlyInAnyOrder("eng@acme.test", NOA, JANE);
    assertThat(janes).extracting(Group::getEmail).containsExactly("eng@acme.test");
  }

  /**
   * groups.list?userKey= is direct membership only; members.list lists direct members (users and
   * groups) unless includeDerivedMembership, and pages at most 200.
   */
  @Test
  void membershipIsDirectUnlessDerivedIsAskedForAndPagesAreAtMost200() throws Exception {
    fixture.state.createGroup(fixture.customerId, "child@acme.test", "Child", null);
    fixture.state.createGroup(fixture.customerId, "parent@acme.test", "Parent", null);
    fixture.state.addMember("child@acme.test", JANE, null);
    fixture.state.addMember("parent@acme.test", "child@acme.test", null);

    List<Member> direct = directory.members().list("parent@acme.test").execute().getMembers();
    List<Member> derived =
        directory
            .members()
            .list("parent@acme.test")
            .setIncludeDerivedMembership(true)
            .execute()
            .getMembers();
    assertThat(direct).extracting(Member::getEmail).containsExactly("child@acme.test");
    assertThat(direct.get(0).getType()).isEqualTo("GROUP");
    assertThat(derived)
        .extracting(Member::getEmail)
        .containsExactlyInAnyOrder("child@acme.test", JANE);
    assertThat(directory.groups().list().setUserKey(JANE).execute().getGroups())
        .extracting(Group::getEmail)
        .containsExactly("child@acme.test");

    fixture.state.removeMember("child@acme.test", JANE);
    assertThat(directory.groups().list().setUserKey(JANE).execute().getGroups()).isNull();
    assertThat(directory.members().list("child@acme.test").execute().getMembers()).isNull();

    GoogleError tooMany =
        GoogleErrorClassifier.classify(
            catchThrowable(
                () -> directory.members().list("parent@acme.test").setMaxResults(201).execute()));
    assertThat(tooMany.httpStatus()).isEqualTo(400);
    GoogleError tooManyGroups =
        GoogleErrorClassifier.classify(
            catchThrowable(
                () ->
                    directory
                        .groups()
                        .list()
                        .setCustomer("my_customer")
                        .setMaxResults(201)
                        .execute()));
    assertThat(tooManyGroups.httpStatus()).isEqualTo(400);
  }

  /** A renamed member is listed under its new address; a deleted user is no member any more. */
  @Test
  void membersFollowARenameAndLeaveWithADeletion() throws Exception {
    fixture.state.createGroup(fixture.customerId, "team@acme.test", "Team", null);
    fixture.state.addMember("team@acme.test", JANE, null);
    fixture.state.addMember("team@acme.test", NOA, null);
    fixture.state.updateUser(
        JANE,
        new com.fasterxml.jackson.databind.ObjectMapper()
            .convertValue(Map.of("primaryEmail", "jane.smith@acme.test"), UserSpec.class));
    fixture.state.deleteUser(NOA);

    assertThat(directory.members().list("team@acme.test").execute().getMembers())
        .extracting(Member::getEmail)
        .containsExactly("jane.smith@acme.test");
  }

  @Test
  void membersListPagesAt200AndDefaultsTo200() throws Exception {
    fixture.state.createUsers(fixture.customerId, UserGenerator.generate("acme-mail.test", 450, 3));
    fixture.state.createGroup(fixture.customerId, "big@acme.test", "Big", null);
    fixture.state.requireCustomer(fixture.customerId).usersByEmail().keySet().stream()
        .filter(email -> email.endsWith("@acme-mail.test"))
        .forEach(email -> fixture.state.addMember("big@acme.test", email, null));

    List<Integer> pages = new ArrayList<>();
    String pageToken = null;
    do {
      var page = directory.members().list("big@acme.test").setPageToken(pageToken).execute();
      pages.add(page.getMembers().size());
      pageToken = page.getNextPageToken();
    } while (pageToken != null);

    assertThat(pages).containsExactly(200, 200, 50);
  }

  @Test
  void rolesAndRoleAssignmentsWithInt64Ids() throws Exception {
    List<Role> roles = directory.roles().list("my_customer").execute().getItems();
    List<RoleAssignment> assignments =
        directory.roleAssignments().list("my_customer").setUserKey(ADMIN).execute().getItems();

    Role superAdmin = roles.stream().filter(Role::getIsSuperAdminRole).findFirst().orElseThrow();
    assertThat(superAdmin.getRoleName()).isEqualTo("_SEED_ADMIN_ROLE");
    assertThat(superAdmin.getRoleId()).isPositive();
    assertThat(assignments).hasSize(4);
    assertThat(assignments).extracting(RoleAssignment::getRoleId).contains(superAdmin.getRoleId());
    assertThat(assignments.get(0).getAssignedTo())
        .isEqualTo(directory.users().get(ADMIN).execute().getId());
  }

  @Test
  void watchSendsSyncThenEachChangeWithGooglesHeadersUntilStopped() throws Exception {
    try (NotificationReceiver hook = new NotificationReceiver()) {
      Channel channel =
          directory
              .users()
              .watch(
                  new Channel()
                      .setId("channel-1")
                      .setType("web_hook")
                      .setAddress(hook.address())
                      .setToken("secret-token"))
              .setCustomer("my_customer")
              .setEvent("update")
              .execute();

      assertThat(channel.getResourceId()).isNotBlank();
      assertThat(channel.getExpiration()).isGreaterThan(System.currentTimeMillis());
      var sync = hook.next(Duration.ofSeconds(5));
      assertThat(sync.header("X-Goog-Resource-State")).isEqualTo("sync");
      assertThat(sync.header("X-Goog-Message-Number")).isEqualTo("1");
      assertThat(sync.header("X-Goog-Channel-Token")).isEqualTo("secret-token");

      fixture.state.updateUser(JANE, UserSpec.titlePatch("CTO"));
      var update = hook.next(Duration.ofSeconds(5));

      assertThat(update.header("X-Goog-Resource-State")).isEqualTo("update");
      assertThat(update.header("X-Goog-Message-Number")).isEqualTo("2");
      assertThat(update.header("X-Goog-Channel-ID")).isEqualTo("channel-1");
      assertThat(update.header("X-Goog-Resource-ID")).isEqualTo(channel.getResourceId());
      assertThat(update.header("X-Goog-Resource-URI")).contains("/admin/directory/v1/users/watch");
      assertThat(update.header("X-Goog-Channel-Expiration")).endsWith("GMT");
      assertThat(update.body())
          .contains("\"primaryEmail\":\"" + JANE + "\"")
          .contains("admin#directory#user");

      directory.channels().stop(channel).execute();
      fixture.state.updateUser(JANE, UserSpec.titlePatch("CEO"));
      assertThat(hook.quietFor(Duration.ofMillis(500))).isTrue();
    }
  }

  @Test
  void watchOnAnEventIgnoresOtherEvents() throws Exception {
    try (NotificationReceiver hook = new NotificationReceiver()) {
      directory
          .users()
          .watch(new Channel().setId("adds").setType("web_hook").setAddress(hook.address()))
          .setCustomer("my_customer")
          .setEvent("add")
          .execute();
      hook.next(Duration.ofSeconds(5));

      fixture.state.updateUser(NOA, UserSpec.titlePatch("Engineer"));
      fixture.state.createUser(
          fixture.customerId, UserSpec.ofEmail("new@acme.test", "New", "Hire"));

      var add = hook.next(Duration.ofSeconds(5));
      assertThat(add.header("X-Goog-Resource-State")).isEqualTo("add");
      assertThat(add.body()).contains("new@acme.test");
    }
  }

  private static GoogleError failure(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    Throwable failure = catchThrowable(call);
    assertThat(failure).as("the call must fail").isNotNull();
    return GoogleErrorClassifier.classify(failure);
  }
}
