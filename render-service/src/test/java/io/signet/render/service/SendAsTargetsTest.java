package io.signet.render.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.events.DirectoryUser;
import io.signet.events.SendAsSnapshot;
import io.signet.events.SendAsSnapshot.Address;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which addresses get a signature: Gmail's sendAs list, not the Directory's aliases. */
class SendAsTargetsTest {

  private static final Set<String> DOMAINS = Set.of("acme.example", "acme-mail.example");
  private static final AssignmentRule PRIMARY_ONLY =
      new AssignmentRule(0, Audience.EVERYONE, "tpl", false);
  private static final AssignmentRule WITH_ALIASES =
      new AssignmentRule(0, Audience.EVERYONE, "tpl", true);
  private static final AssignmentRule WITH_EXTERNAL =
      new AssignmentRule(0, Audience.EVERYONE, "tpl", true, true);

  /** Jane: aliases jane@ and j.doe@acme-mail in the Directory. */
  private static final DirectoryUser JANE =
      user("jane.doe@acme.example", List.of("jane@acme.example", "j.doe@acme-mail.example"));

  private static final SendAsSnapshot GMAIL =
      gmail(
          new Address("jane.doe@acme.example", true, false, null),
          new Address("Jane@Acme.example", false, true, "accepted"),
          new Address("jane@partner.example", false, false, "accepted"),
          new Address("jane@elsewhere.example", false, false, "pending"));

  @Test
  void beforeTheFirstListOnlyThePrimaryIsSigned() {
    SendAsTargets targets = SendAsTargets.of(JANE, WITH_ALIASES, null, DOMAINS, true);

    assertThat(targets.addresses()).containsExactly("jane.doe@acme.example");
    assertThat(targets.aliasesWithoutSendAs()).isEmpty();
  }

  @Test
  void aRuleWithoutAliasesSignsThePrimaryAlone() {
    SendAsTargets targets = SendAsTargets.of(JANE, PRIMARY_ONLY, GMAIL, DOMAINS, true);

    assertThat(targets.addresses()).containsExactly("jane.doe@acme.example");
    assertThat(targets.aliasesWithoutSendAs()).isEmpty();
  }

  @Test
  void aliasesAreTheUsableSendAsInTheTenantsDomainsAndTheRestAreNamed() {
    SendAsTargets targets = SendAsTargets.of(JANE, WITH_ALIASES, GMAIL, DOMAINS, false);

    assertThat(targets.addresses()).containsExactly("jane.doe@acme.example", "jane@acme.example");
    assertThat(targets.aliasesWithoutSendAs()).containsExactly("j.doe@acme-mail.example");
  }

  @Test
  void externalSendAsAddressesOnlyWhenTheRuleSaysSoAndNeverAPendingOne() {
    SendAsTargets targets = SendAsTargets.of(JANE, WITH_EXTERNAL, GMAIL, DOMAINS, false);

    assertThat(targets.addresses())
        .containsExactly("jane.doe@acme.example", "jane@acme.example", "jane@partner.example");
  }

  @Test
  void whenPushServiceCreatesMissingSendAsTheAliasesWithoutOneAreSignedToo() {
    SendAsTargets targets = SendAsTargets.of(JANE, WITH_ALIASES, GMAIL, DOMAINS, true);

    assertThat(targets.addresses())
        .containsExactly("jane.doe@acme.example", "jane@acme.example", "j.doe@acme-mail.example");
    assertThat(targets.aliasesWithoutSendAs()).containsExactly("j.doe@acme-mail.example");
  }

  @Test
  void aSendAsAddressThatIsNoDirectoryAliasIsSignedWhenInTheTenantsDomains() {
    DirectoryUser noAliases = user("jane.doe@acme.example", List.of());
    SendAsSnapshot withGroupAddress =
        gmail(
            new Address("jane.doe@acme.example", true, false, null),
            new Address("sales@acme.example", false, true, "accepted"));

    SendAsTargets targets =
        SendAsTargets.of(noAliases, WITH_ALIASES, withGroupAddress, DOMAINS, false);

    assertThat(targets.addresses()).containsExactly("jane.doe@acme.example", "sales@acme.example");
  }

  @Test
  void afterARenameTheDirectorysPrimaryIsSignedNotTheListsOldOne() {
    DirectoryUser renamed =
        user("jane.smith@acme.example", List.of("jane.doe@acme.example", "jane@acme.example"));

    SendAsTargets targets = SendAsTargets.of(renamed, WITH_ALIASES, GMAIL, DOMAINS, false);

    assertThat(targets.addresses()).containsExactly("jane.smith@acme.example", "jane@acme.example");
    assertThat(targets.aliasesWithoutSendAs()).isEmpty();
  }

  private static SendAsSnapshot gmail(Address... addresses) {
    return new SendAsSnapshot(
        "e",
        Instant.EPOCH,
        SendAsSnapshot.SCHEMA_VERSION,
        "acme",
        "1001",
        List.of(addresses),
        Instant.EPOCH);
  }

  private static DirectoryUser user(String primary, List<String> aliases) {
    return new DirectoryUser(
        "e",
        Instant.EPOCH,
        DirectoryUser.SCHEMA_VERSION,
        "acme",
        "1001",
        primary,
        aliases,
        new DirectoryUser.PersonName("Jane", "Doe", "Jane Doe", null),
        null,
        null,
        List.of(),
        List.of(),
        "/",
        List.of(),
        Map.of(),
        false,
        false,
        null,
        "h");
  }
}
