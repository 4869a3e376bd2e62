package io.signet.render.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.events.DirectoryUser;
import io.signet.events.SignatureRendered;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignatureRendererTest {

  private static final RenderModel.Tenant ACME =
      new RenderModel.Tenant("Acme", "acme.example", "CH");
  private static final AssignmentRule DEFAULT =
      new AssignmentRule(0, Audience.EVERYONE, "tpl", false);
  private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

  private static final String TEMPLATE =
      """
      <div>
      <b>{user.fullName}</b>
      {#if user.title}
      {user.title}<br>
      {/if}
      {#if user.phone.mobile}
      Mobile: {user.phone.mobile}<br>
      {/if}
      {#if user.phone.work}
      Work: {user.phone.work}<br>
      {/if}
      {tenant.name}
      {#if campaign}
      {campaign.banner}
      {/if}
      </div>
      """;

  @Test
  void rendersTheUserWithFormattedPhoneNumbers() {
    String html = only(render(Users.jane(), TEMPLATE));

    assertThat(html)
        .contains("<b>Jane Doe</b>")
        .contains("Head of Engineering<br>")
        .contains("Work: +41 44 668 18 00")
        .contains("Mobile: +41 79 123 45 67");
  }

  @Test
  void missingOptionalFieldsLeaveNoBlankLine() {
    DirectoryUser bare = Users.user("Jane", "Doe", null, List.of());

    String html = only(render(bare, TEMPLATE));

    assertThat(html).doesNotContain("Mobile").doesNotContain("Work").doesNotContain("\n\n");
    assertThat(html.lines().filter(String::isBlank)).isEmpty();
  }

  @Test
  void unicodeNamesAreKeptAndRightToLeftOnesMarked() {
    DirectoryUser layla = Users.user("ليلى", "حداد", "مديرة المبيعات", List.of());
    DirectoryUser wei = Users.user("伟", "王", "工程师 🚀", List.of());

    assertThat(only(render(layla, TEMPLATE)))
        .contains("<span dir=\"rtl\">ليلى حداد</span>")
        .contains("<span dir=\"rtl\">مديرة المبيعات</span>");
    assertThat(only(render(wei, TEMPLATE)))
        .contains("伟 王")
        .contains("工程师 🚀")
        .doesNotContain("dir=");
  }

  @Test
  void markupInADirectoryFieldComesOutEscaped() {
    DirectoryUser evil =
        Users.user("<script>alert(1)</script>", "Doe", "<img src=x onerror=alert(1)>", List.of());

    String html = only(render(evil, TEMPLATE));

    assertThat(html)
        .contains("&lt;script&gt;alert(1)&lt;/script&gt; Doe")
        .contains("&lt;img src=x onerror=alert(1)&gt;")
        .doesNotContain("<script")
        .doesNotContain("<img");
  }

  @Test
  void markupInATemplateIsStrippedToWhatGmailKeeps() {
    String template =
        "<div onclick=\"steal()\"><script>alert(1)</script>{user.fullName}"
            + "<a href=\"javascript:alert(1)\">x</a><a href=\"https://acme.example\">site</a>"
            + "<img src=\"data:image/png;base64,AAAA\"><img src=\"http://acme.example/logo.png\">"
            + "<img src=\"https://acme.example/logo.png\" alt=\"Acme\" onerror=\"x()\"></div>";

    String html = only(render(Users.jane(), template));

    assertThat(html)
        .doesNotContain("script", "onclick", "onerror", "javascript:", "data:", "http://acme")
        .contains("Jane Doe")
        .contains("href=\"https://acme.example\"")
        .contains("<img src=\"https://acme.example/logo.png\" alt=\"Acme\">");
  }

  @Test
  void stylesThatLoadOrRunSomethingAreDroppedAndOddDirectionsRemoved() {
    String html =
        only(
            render(
                Users.jane(),
                "<p style=\"color: red; background: url(https://x.example/t.png)\" dir=\"sideways\">"
                    + "{user.fullName}</p><span dir=\"rtl\">x</span>"));

    assertThat(html).isEqualTo("<p style=\"color: red\">Jane Doe</p><span dir=\"rtl\">x</span>");
  }

  @ParameterizedTest(name = "{0} characters")
  @CsvSource({"9999, true", "10000, true", "10001, false"})
  void gmailsLimitIsNeverTruncatedAround(int length, boolean fits) {
    String template = "y".repeat(length);

    SignatureRenderer.Result result = render(Users.jane(), template);

    if (fits) {
      assertThat(result.targets())
          .singleElement()
          .satisfies(t -> assertThat(t.html()).hasSize(length));
      assertThat(result.errors()).isEmpty();
    } else {
      assertThat(result.targets()).isEmpty();
      assertThat(result.errors())
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.kind()).isEqualTo(SignatureRenderer.TOO_LONG);
                assertThat(e.reason()).contains("10001 characters");
              });
    }
  }

  @Test
  void aTemplateThatFailsForAUserIsAnErrorOfItsOwnKind() {
    SignatureRenderer.Result result = render(Users.jane(), "{user.fullName.substring(99)}");

    assertThat(result.targets()).isEmpty();
    assertThat(result.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.kind()).isEqualTo(SignatureRenderer.TEMPLATE_FAILED);
              assertThat(e.reason()).startsWith("template failed: ");
            });
  }

  @Test
  void eachSendAsTargetGetsItsOwnSignature() {
    AssignmentRule withAliases = new AssignmentRule(0, Audience.EVERYONE, "tpl", true);

    SignatureRenderer.Result result =
        SignatureRenderer.render(
            Users.jane(),
            new SendAsTargets(
                List.of("jane.doe@acme.example", "jane@acme.example"), List.of("j@acme.example")),
            withAliases,
            SignatureTemplates.compile("{sendAs.email}"),
            ACME,
            List.of(),
            NOW);

    assertThat(result.targets())
        .extracting(t -> t.sendAsEmail() + "=" + t.html())
        .containsExactly(
            "jane.doe@acme.example=jane.doe@acme.example", "jane@acme.example=jane@acme.example");
    assertThat(result.aliasesWithoutSendAs()).containsExactly("j@acme.example");
  }

  @Test
  void withoutTargetsTheRendererSignsThePrimaryAddressAlone() {
    AssignmentRule withAliases = new AssignmentRule(0, Audience.EVERYONE, "tpl", true);

    SignatureRenderer.Result result =
        SignatureRenderer.render(
            Users.jane(),
            withAliases,
            SignatureTemplates.compile("{sendAs.email}"),
            ACME,
            List.of(),
            NOW);

    assertThat(result.targets())
        .extracting(SignatureRendered.Target::sendAsEmail)
        .containsExactly("jane.doe@acme.example");
  }

  @Test
  void theSameContentHashesTheSame() {
    String first = only(render(Users.jane(), TEMPLATE));
    var again = render(Users.jane(), TEMPLATE).targets().get(0);

    assertThat(again.html()).isEqualTo(first);
    assertThat(again.contentHash()).isEqualTo(SignatureRenderer.hash(first)).startsWith("sha256:");
  }

  @Test
  void aSyntaxErrorNamesLineAndColumn() {
    assertThatThrownBy(() -> SignatureTemplates.compile("<div>\n  {#if user.title}\n</div>"))
        .isInstanceOfSatisfying(TemplateError.class, e -> assertThat(e.line()).isPositive());
  }

  @Test
  void unknownFieldsAndAnOverlongWorstCaseAreWarned() {
    var compiled = SignatureTemplates.compile("{user.tittle} {user.fullName}");
    var huge = SignatureTemplates.compile("{#for i in 200}{user.fullName}{/for}");

    assertThat(compiled.warnings()).singleElement().asString().contains("user.tittle");
    assertThat(huge.warnings()).anySatisfy(w -> assertThat(w).contains("over Gmail's 10000"));
  }

  @Test
  void defaultsAndLoopsWork() {
    String template =
        "{user.title ?: 'Team member'}|{#for p in user.phones}{p.type}:{p.number};{/for}";

    assertThat(
            only(
                render(
                    Users.user(
                        "A",
                        "B",
                        null,
                        List.of(new DirectoryUser.Phone("work", "0446681800", true))),
                    template)))
        .isEqualTo("Team member|work:+41 44 668 18 00;");
  }

  private static SignatureRenderer.Result render(DirectoryUser user, String template) {
    return SignatureRenderer.render(
        user, DEFAULT, SignatureTemplates.compile(template), ACME, List.of(), NOW);
  }

  private static String only(SignatureRenderer.Result result) {
    assertThat(result.errors()).isEmpty();
    return result.targets().get(0).html();
  }
}
