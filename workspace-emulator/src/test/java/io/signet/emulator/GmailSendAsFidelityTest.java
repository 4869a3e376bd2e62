package io.signet.emulator;

import static io.signet.emulator.EmulatorFixture.JANE;
import static io.signet.emulator.EmulatorFixture.NOA;
import static io.signet.emulator.EmulatorFixture.NO_GMAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.services.gmail.Gmail;
import com.google.api.services.gmail.model.SendAs;
import io.signet.emulator.state.WriteLogEntry;
import io.signet.google.GoogleClients;
import io.signet.google.GoogleError;
import io.signet.google.GoogleErrorCategory;
import io.signet.google.GoogleErrorClassifier;
import io.signet.google.GoogleScopes;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Gmail users.settings.sendAs through the official Gmail client. */
class GmailSendAsFidelityTest {

  private static final String SHARING = "https://www.googleapis.com/auth/gmail.settings.sharing";

  private final EmulatorFixture fixture = new EmulatorFixture();
  private final Gmail.Users.Settings.SendAs jane =
      fixture.gmailAs(JANE).users().settings().sendAs();

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void listHasThePrimaryAddressAndTheCreatedAliasesButNotEveryDirectoryAlias() throws Exception {
    List<SendAs> entries = jane.list("me").execute().getSendAs();

    assertThat(entries).extracting(SendAs::getSendAsEmail).containsExactly(JANE, "jane@acme.test");
    assertThat(entries.get(0).getIsPrimary()).isTrue();
    assertThat(entries.get(0).getIsDefault()).isTrue();
    assertThat(entries.get(1).getTreatAsAlias()).isTrue();
    assertThat(entries.get(1).getVerificationStatus()).isEqualTo("accepted");
  }

  @Test
  void afterARenameThePrimarySendAsIsTheNewAddressWithItsSignature() throws Exception {
    jane.patch("me", JANE, new SendAs().setSignature("<b>Jane</b>")).execute();

    fixture.state.updateUser(
        JANE, io.signet.emulator.state.UserSpec.renamePatch("jane.smith@acme.test"));
    List<SendAs> entries =
        fixture
            .gmailAs("jane.smith@acme.test")
            .users()
            .settings()
            .sendAs()
            .list("me")
            .execute()
            .getSendAs();

    assertThat(entries.get(0).getSendAsEmail()).isEqualTo("jane.smith@acme.test");
    assertThat(entries.get(0).getIsPrimary()).isTrue();
    assertThat(entries.get(0).getSignature()).isEqualTo("<b>Jane</b>");
    assertThat(entries).extracting(SendAs::getSendAsEmail).doesNotContain(JANE);
  }

  @Test
  void aDirectoryAliasWithoutSendAsIsNotFoundForAPatch() {
    GoogleError error =
        failure(
            () ->
                jane.patch("me", "j.doe@acme-mail.test", new SendAs().setSignature("<b>x</b>"))
                    .execute());

    assertThat(error.httpStatus()).isEqualTo(404);
    assertThat(error.reason()).isEqualTo("notFound");
    assertThat(fixture.state.writeCount()).isZero();
  }

  @Test
  void createMakesADirectoryAliasASendAsWithItsSignatureWithTheSharingScope() throws Exception {
    var sharing = fixture.gmailAs(JANE, List.of(SHARING)).users().settings().sendAs();

    SendAs created =
        sharing
            .create(
                "me",
                new SendAs()
                    .setSendAsEmail("j.doe@acme-mail.test")
                    .setTreatAsAlias(true)
                    .setSignature("<b>Jane</b>"))
            .execute();

    assertThat(created.getVerificationStatus()).isEqualTo("accepted");
    assertThat(created.getTreatAsAlias()).isTrue();
    assertThat(created.getSignature()).isEqualTo("<b>Jane</b>");
    assertThat(jane.list("me").execute().getSendAs())
        .extracting(SendAs::getSendAsEmail)
        .containsExactly(JANE, "jane@acme.test", "j.doe@acme-mail.test");
    assertThat(fixture.state.writes(0, 10))
        .extracting(WriteLogEntry::method)
        .containsExactly("create");
    GoogleError again =
        failure(
            () ->
                sharing
                    .create(
                        "me",
                        new SendAs().setSendAsEmail("j.doe@acme-mail.test").setTreatAsAlias(true))
                    .execute());
    assertThat(again.httpStatus()).isEqualTo(409);
  }

  @Test
  void createNeedsTheSharingScopeAndAnAddressOfTheUsersOwn() {
    GoogleError basicOnly =
        failure(
            () -> jane.create("me", new SendAs().setSendAsEmail("j.doe@acme-mail.test")).execute());
    GoogleError external =
        failure(
            () ->
                fixture
                    .gmailAs(JANE, List.of(SHARING))
                    .users()
                    .settings()
                    .sendAs()
                    .create("me", new SendAs().setSendAsEmail("jane@elsewhere.example"))
                    .execute());

    assertThat(basicOnly.httpStatus()).isEqualTo(403);
    assertThat(basicOnly.reason()).isEqualTo("insufficientPermissions");
    assertThat(external.httpStatus()).isEqualTo(400);
    assertThat(external.message()).isEqualTo("Custom from requires smtpMsa configuration");
  }

  @Test
  void patchWritesOnlyTheSignatureAndGetReadsItBack() throws Exception {
    SendAs before = jane.get(JANE, JANE).execute();

    jane.patch(JANE, JANE, new SendAs().setSignature("<b>Jane Doe</b><br>Head of Engineering"))
        .execute();
    SendAs after = jane.get(JANE, JANE).execute();

    assertThat(after.getSignature()).isEqualTo("<b>Jane Doe</b><br>Head of Engineering");
    assertThat(after.getDisplayName()).isEqualTo(before.getDisplayName());
  }

  @Test
  void patchSentAsPostWithMethodOverrideAndGzipBodyByTheDefaultJdkTransport() throws Exception {
    GoogleClients jdk =
        new GoogleClients(
            fixture.emulator.endpoints(), new NetHttpTransport(), Duration.ofSeconds(10));
    var sendAs =
        jdk.gmail(jdk.delegated(fixture.keyJson(), JANE, GoogleScopes.REQUIRED))
            .users()
            .settings()
            .sendAs();

    SendAs answer =
        sendAs.patch("me", "jane@acme.test", new SendAs().setSignature("<i>alias</i>")).execute();

    assertThat(answer.getSignature()).isEqualTo("<i>alias</i>");
    assertThat(wire()).containsEntry("methodOverrides", 1L).containsEntry("gzipBodies", 1L);
    assertThat(fixture.state.writes(0, 10))
        .extracting(WriteLogEntry::method, WriteLogEntry::sendAsEmail)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("patch", "jane@acme.test"));
  }

  @Test
  void updateReplacesTheWritableFields() throws Exception {
    jane.patch(JANE, JANE, new SendAs().setReplyToAddress("team@acme.test")).execute();

    SendAs answer =
        jane.update(
                JANE, JANE, new SendAs().setDisplayName("Jane D.").setSignature("<div>Jane</div>"))
            .execute();

    assertThat(answer.getDisplayName()).isEqualTo("Jane D.");
    assertThat(answer.getReplyToAddress()).isNull();
    assertThat(fixture.state.writes(0, 10)).extracting(WriteLogEntry::method).contains("update");
  }

  @Test
  void storedHtmlIsSanitisedAndNormalisedSoReadBackIsNotByteIdentical() throws Exception {
    String sent =
        "<div onclick='steal()'><script>alert(1)</script><a href='javascript:x()'>x</a>"
            + "<a href=https://acme.test>Acme</a><img src='data:image/png;base64,AAAA'>"
            + "<img src=\"https://acme.test/logo.png\" alt=logo><p dir=rtl>שלום</p></div>";

    String stored =
        jane.patch(JANE, JANE, new SendAs().setSignature(sent)).execute().getSignature();

    assertThat(stored)
        .isNotEqualTo(sent)
        .doesNotContain("script", "onclick", "javascript:", "data:image")
        .contains("<a href=\"https://acme.test\">Acme</a>")
        .contains("<img src=\"https://acme.test/logo.png\" alt=\"logo\">")
        .contains("<p dir=\"rtl\">שלום</p>");
  }

  @Test
  void aSignatureOver10000CharactersIsInvalidArgument() {
    GoogleError error =
        failure(
            () -> jane.patch(JANE, JANE, new SendAs().setSignature("x".repeat(10_001))).execute());

    assertThat(error.httpStatus()).isEqualTo(400);
    assertThat(error.reason()).isEqualTo("invalidArgument");
    assertThat(error.message()).isEqualTo("Signature exceeds maximum length of 10000 characters");
    assertThat(error.category()).isEqualTo(GoogleErrorCategory.PERMANENT);
    assertThat(fixture.state.writeCount()).isZero();
  }

  @Test
  void exactly10000CharactersAreAccepted() throws Exception {
    SendAs answer = jane.patch(JANE, JANE, new SendAs().setSignature("y".repeat(10_000))).execute();

    assertThat(answer.getSignature()).hasSize(10_000);
  }

  @Test
  void anotherUsersMailboxIsDelegationDenied() {
    GoogleError error = failure(() -> jane.list(NOA).execute());

    assertThat(error.httpStatus()).isEqualTo(403);
    assertThat(error.reason()).isEqualTo("forbidden");
    assertThat(error.message()).isEqualTo("Delegation denied for " + JANE);
  }

  @Test
  void aUserWithoutGmailHasMailServiceNotEnabled() {
    GoogleError error =
        failure(() -> fixture.gmailAs(NO_GMAIL).users().settings().sendAs().list("me").execute());

    assertThat(error.httpStatus()).isEqualTo(400);
    assertThat(error.reason()).isEqualTo("failedPrecondition");
    assertThat(error.message()).isEqualTo("Mail service not enabled");
    assertThat(error.category()).isEqualTo(GoogleErrorCategory.PERMANENT);
  }

  @Test
  void anUnknownSendAsAddressIsNotFound() {
    GoogleError error = failure(() -> jane.get("me", "ghost@acme.test").execute());

    assertThat(error.httpStatus()).isEqualTo(404);
    assertThat(error.reason()).isEqualTo("notFound");
  }

  @Test
  void everyAcceptedWriteIsLoggedWithWhoWroteWhat() throws Exception {
    jane.patch("me", JANE, new SendAs().setSignature("<b>one</b>")).execute();
    jane.patch("me", JANE, new SendAs().setSignature("<b>two</b>")).execute();

    List<WriteLogEntry> writes = fixture.state.writes(0, 10);

    assertThat(writes).hasSize(2);
    assertThat(writes.get(1).sequence()).isEqualTo(2);
    assertThat(writes.get(1).clientId()).isEqualTo(fixture.clientId);
    assertThat(writes.get(1).subject()).isEqualTo(JANE);
    assertThat(writes.get(1).signatureLength()).isEqualTo("<b>two</b>".length());
  }

  @SuppressWarnings("unchecked")
  private java.util.Map<String, Long> wire() {
    return (java.util.Map<String, Long>) fixture.emulator.controls().stats().get("wire");
  }

  private static GoogleError failure(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    Throwable failure = catchThrowable(call);
    assertThat(failure).as("the call must fail").isNotNull();
    return GoogleErrorClassifier.classify(failure);
  }
}
