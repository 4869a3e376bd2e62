package io.signet.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's own logic; the whole stack is proven by system-tests' SignetSystemIT. */
class LocalStackPiecesTest {

  @TempDir Path dir;

  @Test
  void theFolderKeepsWhatWasSavedForTheNextRunAndOnlyItsOwnerReadsIt() throws Exception {
    StackHome first = StackHome.open(dir.resolve("stack"));
    String key = first.secret("operator.api-key", 24);
    first.set("demo.tenant-id", "t-abc");

    StackHome second = StackHome.open(dir.resolve("stack"));
    assertThat(second.secret("operator.api-key", 24)).isEqualTo(key).hasSizeGreaterThan(30);
    assertThat(second.get("demo.tenant-id")).contains("t-abc");
    assertThat(second.getOrSet("demo.tenant-id", "t-other")).isEqualTo("t-abc");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(second.root())))
        .isEqualTo("rwx------");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(second.resolve("stack.properties"))))
        .isEqualTo("rw-------");
  }

  @Test
  void portsAreTheDefaultsPlusTheOffsetFixedAtTheFirstRun() {
    StackHome home = StackHome.open(dir.resolve("ports"));
    Stack first = new Stack(home, dir, 100);
    Stack later = new Stack(StackHome.open(dir.resolve("ports")), dir, 0);

    assertThat(first.port(Component.TENANT)).isEqualTo(8181);
    assertThat(later.port(Component.PUSH)).isEqualTo(8184);
    assertThat(later.databasePrefix())
        .isEqualTo(first.databasePrefix())
        .matches("signet_[a-z0-9]{6}_");
  }

  @Test
  void servicesListenOnTheLoopbackOnlyAndGetTheirSecretsFromAnOwnerOnlyFileNotTheCommandLine()
      throws Exception {
    Stack stack = new Stack(StackHome.open(dir.resolve("secrets")), dir, 0);

    for (Component service : Component.SERVICES) {
      java.util.Map<String, String> config = stack.serviceConfig(service);
      assertThat(config)
          .containsEntry("quarkus.http.host", "127.0.0.1")
          .containsEntry("quarkus.management.host", "127.0.0.1")
          .containsEntry("quarkus.management.port", Integer.toString(stack.port(service) + 1000));
      Path file = stack.writeServiceConfig(service).resolve("config/application.properties");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
      java.util.Properties written = new java.util.Properties();
      try (var in = Files.newBufferedReader(file)) {
        written.load(in);
      }
      assertThat(written).containsAllEntriesOf(config);
      String command = String.join(" ", stack.serviceCommand(service));
      config.values().stream()
          .filter(value -> value.length() >= 24)
          .forEach(value -> assertThat(command).doesNotContain(value));
      assertThat(command).doesNotContain("-Dsignet.", "-Dquarkus.datasource");
    }
    assertThat(stack.serviceConfig(Component.TENANT))
        .containsKeys("signet.auth.operator-key", "signet.vault.master-keys.local");
  }

  @Test
  void aTakenPortIsNamedWithItsComponent() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      int offset = taken.getLocalPort() - Component.EMULATOR.defaultPort;
      StackHome home = StackHome.open(dir.resolve("taken"));
      home.set("postgres.mode", "local");
      Stack stack = new Stack(home, dir, offset);

      assertThat(Stack.isFree(taken.getLocalPort())).isFalse();
      assertThat(stack.takenPorts())
          .contains(
              "port " + taken.getLocalPort() + " (workspace-emulator) is used by another program");
    }
  }

  @Test
  void gmailsViewCountsEligibleUsersSignedOnEveryAddressAndWhyOthersGetNone() throws Exception {
    JsonNode users =
        JsonHttp.JSON.readTree(
            """
            [
              {"primaryEmail":"admin@demo.test","suspended":false,"archived":false,"gmailEnabled":true,
               "sendAs":[{"sendAsEmail":"admin@demo.test","signature":"<b>A</b>"}]},
              {"primaryEmail":"b@demo.test","suspended":false,"archived":false,"gmailEnabled":true,
               "sendAs":[{"sendAsEmail":"b@demo.test","signature":"<b>B</b>"},
                         {"sendAsEmail":"bee@demo.test","signature":""}]},
              {"primaryEmail":"c@demo.test","suspended":true,"archived":false,"gmailEnabled":true,
               "sendAs":[{"sendAsEmail":"c@demo.test","signature":""}]},
              {"primaryEmail":"d@demo.test","suspended":false,"archived":false,"gmailEnabled":false,
               "sendAs":[]}
            ]
            """);

    DemoTenant.GmailView view = DemoTenant.GmailView.of(users);

    assertThat(view.users()).isEqualTo(4);
    assertThat(view.eligible()).isEqualTo(2);
    assertThat(view.signed()).isEqualTo(1); // b's alias has no signature yet
    assertThat(view.notEligible()).containsEntry("suspended", 1).containsEntry("without Gmail", 1);
    assertThat(view.sample()).isEqualTo("b@demo.test");
  }

  @Test
  void componentsAreFoundByTheirNameWithOrWithoutTheServiceSuffix() {
    assertThat(Component.byId("push")).isEqualTo(Component.PUSH);
    assertThat(Component.byId("directory-sync-service")).isEqualTo(Component.DIRECTORY);
    assertThat(Component.DIRECTORY.databaseSuffix()).isEqualTo("directory");
    assertThatThrownBy(() -> Component.byId("nope")).hasMessageContaining("push-service");
  }
}
