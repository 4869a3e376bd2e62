package io.signet.emulator;

import com.google.api.services.directory.Directory;
import com.google.api.services.gmail.Gmail;
import io.signet.emulator.state.Role;
import io.signet.emulator.state.UserSpec;
import io.signet.emulator.state.WorkspaceState;
import io.signet.google.GoogleClients;
import io.signet.google.GoogleScopes;
import io.signet.google.ServiceAccountKeyGenerator.GeneratedKey;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;

/**
 * An emulator with one fully set-up customer: domain {@code acme.test}, a service account with
 * every scope delegated, a super admin, and a few users. Tests then talk to it only through
 * Google's official clients.
 */
final class EmulatorFixture implements AutoCloseable {

  static final String DOMAIN = "acme.test";
  static final String ADMIN = "admin@acme.test";
  static final String JANE = "jane.doe@acme.test";
  static final String NOA = "noa.cohen@acme.test";
  static final String NO_GMAIL = "no.mail@acme.test";

  final MovableClock clock = new MovableClock();
  final WorkspaceEmulator emulator = WorkspaceEmulator.start("127.0.0.1", 0, clock);
  final WorkspaceState state = emulator.state();
  final GoogleClients clients = new GoogleClients(emulator.endpoints(), Duration.ofSeconds(10), 8);
  final String customerId;
  final GeneratedKey key;
  final String clientId;

  EmulatorFixture() {
    // the tests' notification receiver is plain http, which Google refuses: accepted here as on a
    // local stack; the tests of that refusal turn it off
    emulator.controls().allowHttpWebhooks(true);
    customerId = state.createCustomer("C0acme", List.of(DOMAIN, "acme-mail.test")).id();
    key =
        state.createServiceAccount(
            "signet-test", "signet-connector", emulator.endpoints().tokenUri().toString());
    clientId =
        state
            .serviceAccountByEmail("signet-connector@signet-test.iam.gserviceaccount.com")
            .orElseThrow()
            .clientId();
    // the connector's scopes, and the one that creates alias sendAs entries
    state.setDelegation(
        customerId,
        clientId,
        java.util.stream.Stream.concat(
                GoogleScopes.REQUIRED.stream(),
                java.util.stream.Stream.of(
                    "https://www.googleapis.com/auth/gmail.settings.sharing"))
            .toList());
    state.createUser(customerId, UserSpec.ofEmail(ADMIN, "Ada", "Admin"));
    for (String role :
        List.of(
            Role.SUPER_ADMIN, Role.GROUPS_ADMIN, Role.USER_MANAGEMENT_ADMIN, Role.SERVICES_ADMIN)) {
      state.assignRole(customerId, ADMIN, role);
    }
    state.createUser(
        customerId,
        new UserSpec(
            JANE,
            "Jane",
            "Doe",
            "Head of Engineering",
            "Engineering",
            List.of(new UserSpec.Phone("+41 44 668 18 00", "work", true)),
            null,
            "/Engineering",
            List.of("jane@acme.test", "j.doe@acme-mail.test"),
            null,
            null,
            null,
            null,
            null,
            null,
            // Jane sends as one alias; the other receives mail only
            List.of("jane@acme.test")));
    state.createUser(customerId, UserSpec.ofEmail(NOA, "נועה", "כהן"));
    state.createUser(
        customerId,
        new UserSpec(
            NO_GMAIL, "No", "Mail", null, null, null, null, null, null, null, null, false, null,
            null, null, null));
  }

  byte[] keyJson() {
    return key.json().getBytes(StandardCharsets.UTF_8);
  }

  Gmail gmailAs(String subject) {
    return gmailAs(subject, GoogleScopes.REQUIRED);
  }

  Gmail gmailAs(String subject, Collection<String> scopes) {
    return clients.gmail(clients.delegated(keyJson(), subject, scopes));
  }

  Directory directoryAs(String subject) {
    return clients.directory(clients.delegated(keyJson(), subject, GoogleScopes.REQUIRED));
  }

  @Override
  public void close() {
    emulator.close();
  }

  /** A clock tests can move forward. */
  static final class MovableClock extends Clock {
    private volatile Duration offset = Duration.ZERO;

    void advance(Duration by) {
      offset = offset.plus(by);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(offset);
    }
  }
}
