package io.signet.render.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.events.DirectoryUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A template is code a tenant admin writes: what it may cost, and how it is refused. */
class TemplateBoundsTest {

  private static final RenderModel.Tenant ACME =
      new RenderModel.Tenant("Acme", "acme.example", "CH");

  @Test
  void aLiteralBillionIterationsIsRefusedAtCompileWithItsPosition() {
    assertThatThrownBy(
            () -> SignatureTemplates.compile("<b>x</b>\n  {#for i in 1000000000}x{/for}"))
        .isInstanceOfSatisfying(
            TemplateError.class,
            e -> {
              assertThat(e.line()).isEqualTo(2);
              assertThat(e.column()).isEqualTo(3);
              assertThat(e.describe())
                  .startsWith("line 2, column 3: ")
                  .contains("runs 1000000000 times")
                  .contains("at most 10000 loop iterations");
            });
  }

  @Test
  void nestedLiteralLoopsMultiply() {
    assertThatThrownBy(
            () -> SignatureTemplates.compile("{#for i in 200}\n{#for j in 200}x{/for}\n{/for}"))
        .isInstanceOfSatisfying(
            TemplateError.class,
            e -> {
              assertThat(e.line()).isEqualTo(2);
              assertThat(e.getMessage()).contains("runs 200 times inside loops that run 200 times");
            });
    assertThat(SignatureTemplates.compile("{#for i in 100}{#for j in 100}{/for}{/for}"))
        .isNotNull();
  }

  @Test
  void literalLoopsWritingTooMuchTextOrResolvingTooManyNodesAreRefusedAtCompile() {
    assertThatThrownBy(
            () -> SignatureTemplates.compile("{#for i in 5000}" + "y".repeat(30) + "{/for}"))
        .isInstanceOfSatisfying(
            TemplateError.class,
            e -> assertThat(e.getMessage()).contains("writes at least 150000"));
    assertThatThrownBy(
            () ->
                SignatureTemplates.compile(
                    "{#for i in 9000}" + "{#if true}{/if}".repeat(200) + "{/for}"))
        .isInstanceOfSatisfying(
            TemplateError.class, e -> assertThat(e.getMessage()).contains("template nodes"));
  }

  @Test
  void aComputedBillionIsRefusedBeforeTheLoopStarts() {
    var template = SignatureTemplates.compile("{#let n=1000000000}\n{#for i in n}x{/for}\n{/let}");

    assertThatThrownBy(() -> template.render(model(Users.jane())))
        .isInstanceOfSatisfying(
            TemplateError.class,
            e -> {
              assertThat(e.line()).isEqualTo(2);
              assertThat(e.getMessage()).contains("would run 1000000000 times");
            });
  }

  @Test
  void tenMegabytesOfOutputStopAtTheLimitNamingTheExpression() {
    var template =
        SignatureTemplates.compile(
            "{#let n=10000}{#for i in n}\n"
                + "{user.fullName}{user.title}{user.department}{user.email}\n"
                + "{/for}{/let}");

    assertThatThrownBy(() -> template.render(model(Users.jane())))
        .isInstanceOfSatisfying(
            TemplateError.class,
            e -> {
              assertThat(e.getMessage()).contains("passes 100000 characters");
              assertThat(e.line()).isEqualTo(2);
            });
  }

  @Test
  void textWrittenByAComputedLoopIsChargedAsItIterates() {
    var template =
        SignatureTemplates.compile(
            "{#let n=5000}\n{#for i in n}" + "y".repeat(30) + "{/for}{/let}");

    assertThatThrownBy(() -> template.render(model(Users.jane())))
        .isInstanceOfSatisfying(
            TemplateError.class,
            e -> {
              assertThat(e.getMessage()).contains("passes 100000 characters");
              assertThat(e.line()).isEqualTo(2);
              assertThat(e.column()).isEqualTo(1);
            });
  }

  @Test
  void loopsOverDataAreCountedAcrossNesting() {
    List<String> groups = IntStream.range(0, 30).mapToObj(i -> "g" + i + "@acme.example").toList();
    var template =
        SignatureTemplates.compile(
            "{#for a in user.groups}{#for b in user.groups}{#for c in user.groups}.{/for}{/for}{/for}");

    assertThatThrownBy(() -> template.render(model(withGroups(groups))))
        .isInstanceOfSatisfying(
            TemplateError.class,
            e -> assertThat(e.getMessage()).contains("at most 10000 loop iterations"));
    assertThat(template.render(model(withGroups(groups.subList(0, 20))))).hasSize(8000);
  }

  @Test
  void aRenderPastItsDeadlineStops() {
    var template = SignatureTemplates.compile("{#for p in user.phones}{p.number}{/for}");

    assertThatThrownBy(() -> template.render(model(Users.jane()), System.nanoTime() - 1))
        .isInstanceOfSatisfying(
            TemplateError.class, e -> assertThat(e.getMessage()).contains("longer than 1000 ms"));
  }

  @Test
  void sectionsNestedTooDeeplyAreRefused() {
    String deep17 = "{#if true}".repeat(17) + "x" + "{/if}".repeat(17);
    String deep16 = "{#if true}".repeat(16) + "x" + "{/if}".repeat(16);
    String deep5000 = "{#if true}".repeat(5000) + "x" + "{/if}".repeat(5000);

    assertThatThrownBy(() -> SignatureTemplates.compile(deep17))
        .isInstanceOfSatisfying(
            TemplateError.class,
            e -> {
              assertThat(e.getMessage()).contains("nested more than 16 deep");
              assertThat(e.column()).isEqualTo(161);
            });
    assertThat(SignatureTemplates.compile(deep16).render(model(Users.jane()))).isEqualTo("x");
    assertThatThrownBy(() -> SignatureTemplates.compile(deep5000))
        .isInstanceOf(TemplateError.class);
  }

  @Test
  void deeplyNestedExpressionsAreAnErrorNotACrash() {
    String deep = "{user.fullName" + ".or(user.title".repeat(3000) + ")".repeat(3000) + "}";

    try {
      SignatureTemplates.compile(deep).render(model(Users.jane()));
    } catch (TemplateError expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{#eval user.fullName /}",
        "{#eval '{user.fullName}' /}",
        "{#include other /}",
        "{#insert}x{/insert}",
        "{#fragment id=a}x{/fragment}",
        "{#capture id=a}x{/capture}",
        "{#fragment id=a}{#include $a /}{/fragment}"
      })
  void sectionsThatTurnDataIntoCodeOrReachOtherTemplatesAreRefused(String section) {
    String name =
        section.substring(
            2,
            section.indexOf(' ') > 0 && section.indexOf(' ') < section.indexOf('}')
                ? section.indexOf(' ')
                : section.indexOf('}'));

    assertThatThrownBy(() -> SignatureTemplates.compile("<b>{user.fullName}</b>\n" + section))
        .isInstanceOfSatisfying(
            TemplateError.class,
            e -> {
              assertThat(e.line()).isEqualTo(2);
              assertThat(e.getMessage())
                  .contains("{#" + name + "} is not allowed in signature templates");
            });
  }

  @Test
  void ordinaryLoopsKeepQutesSyntaxAndMetadata() {
    var template =
        SignatureTemplates.compile(
            "{#for i in 3}{i}{/for}|{#for p in user.phones}{p_count}:{p.type}{#if p_hasNext},{/if}{/for}"
                + "|{#for g in user.aliases}{g}{#else}none{/for}"
                + "|{#each user.groups}{it}{/each}");

    assertThat(template.render(model(Users.jane())))
        .isEqualTo("123|1:work,2:mobile|jane@acme.example|eng@acme.example");
    assertThat(template.render(model(withGroups(List.of())))).startsWith("123|");
  }

  @Test
  void theOtherSectionsStillWork() {
    var template =
        SignatureTemplates.compile(
            "{#let t=user.title}{t}{/let}|{#with user}{givenName}{/with}"
                + "|{#when user.department}{#is 'Engineering'}eng{#else}other{/when}");

    assertThat(template.render(model(Users.jane()))).isEqualTo("Head of Engineering|Jane|eng");
  }

  @Test
  void anUnknownFieldFailsTheRenderAsQuteIsStrict() {
    var template = SignatureTemplates.compile("{user.tittle}");

    assertThat(template.warnings()).singleElement().asString().contains("user.tittle");
    assertThatThrownBy(() -> template.render(model(Users.jane())))
        .isInstanceOfSatisfying(
            TemplateError.class,
            e -> assertThat(e.describe()).startsWith("line 1, column 1: ").contains("tittle"));
  }

  private static Map<String, Object> model(DirectoryUser user) {
    return RenderModel.of(user, user.primaryEmail(), user.name().fullName(), ACME, null);
  }

  private static DirectoryUser withGroups(List<String> groups) {
    DirectoryUser jane = Users.jane();
    return new DirectoryUser(
        jane.eventId(),
        jane.occurredAt(),
        jane.schemaVersion(),
        jane.tenantId(),
        jane.userId(),
        jane.primaryEmail(),
        List.of(),
        jane.name(),
        jane.title(),
        jane.department(),
        new ArrayList<>(jane.phones()),
        jane.addresses(),
        jane.orgUnitPath(),
        groups,
        jane.customSchemas(),
        false,
        false,
        null,
        "h");
  }
}
