package io.signet.render.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.events.DirectoryUser;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RulesAndCampaignsTest {

  private static final DirectoryUser JANE = Users.jane();

  @Test
  void theFirstMatchingRuleInOrderWins() {
    List<AssignmentRule> rules =
        List.of(
            new AssignmentRule(40, Audience.EVERYONE, "default", false),
            new AssignmentRule(
                30, new Audience(Audience.Kind.ORG_UNIT, "/Engineering"), "eng", false),
            new AssignmentRule(
                20, new Audience(Audience.Kind.GROUP, "sales@acme.example"), "sales", false),
            new AssignmentRule(
                10, new Audience(Audience.Kind.USER, "someone@acme.example"), "vip", false));

    assertThat(AssignmentRule.choose(rules, JANE))
        .get()
        .extracting(AssignmentRule::templateId)
        .isEqualTo("eng");
  }

  @Test
  void userRulesMatchEmailAliasOrIdAndGroupRulesMatchMembership() {
    assertThat(new Audience(Audience.Kind.USER, "JANE@acme.example").includes(JANE)).isTrue();
    assertThat(new Audience(Audience.Kind.USER, "1001").includes(JANE)).isTrue();
    assertThat(new Audience(Audience.Kind.GROUP, "eng@acme.example").includes(JANE)).isTrue();
    assertThat(new Audience(Audience.Kind.GROUP, "sales@acme.example").includes(JANE)).isFalse();
  }

  @Test
  void orgUnitPrefixesMatchWholeSegmentsOnly() {
    assertThat(new Audience(Audience.Kind.ORG_UNIT, "/Engineering").includes(JANE)).isTrue();
    assertThat(new Audience(Audience.Kind.ORG_UNIT, "/Engineering/Platform").includes(JANE))
        .isTrue();
    assertThat(new Audience(Audience.Kind.ORG_UNIT, "/Eng").includes(JANE)).isFalse();
    assertThat(new Audience(Audience.Kind.ORG_UNIT, "/").includes(JANE)).isTrue();
  }

  @Test
  void noRuleMeansNoTemplate() {
    assertThat(AssignmentRule.choose(List.of(), JANE)).isEmpty();
  }

  @Test
  void aCampaignFlipsOnAtItsStartAndOffAtItsEndExactly() {
    Instant start = Instant.parse("2026-12-01T00:00:00Z");
    Instant end = Instant.parse("2026-12-24T00:00:00Z");
    Campaign winter =
        new Campaign("c1", "Winter", "<b>Winter sale</b>", start, end, Audience.EVERYONE);

    assertThat(Campaign.shownTo(JANE, List.of(winter), start.minusNanos(1))).isEmpty();
    assertThat(Campaign.shownTo(JANE, List.of(winter), start)).contains(winter);
    assertThat(Campaign.shownTo(JANE, List.of(winter), end.minusNanos(1))).contains(winter);
    assertThat(Campaign.shownTo(JANE, List.of(winter), end)).isEmpty();
    assertThat(Campaign.nextEdge(List.of(winter), start.minus(Duration.ofDays(1)))).contains(start);
    assertThat(Campaign.nextEdge(List.of(winter), start)).contains(end);
  }

  @Test
  void theRenderedBannerFollowsTheCampaignEdges() {
    Instant start = Instant.parse("2026-12-01T00:00:00Z");
    Campaign winter =
        new Campaign(
            "c1",
            "Winter",
            "<b>Winter sale</b><script>x()</script>",
            start,
            start.plus(Duration.ofDays(1)),
            new Audience(Audience.Kind.GROUP, "eng@acme.example"));
    var template =
        SignatureTemplates.compile("{user.fullName}{#if campaign} {campaign.banner}{/if}");
    var rule = new AssignmentRule(0, Audience.EVERYONE, "tpl", false);
    var tenant = new RenderModel.Tenant("Acme", "acme.example", "CH");

    String before =
        SignatureRenderer.render(
                JANE, rule, template, tenant, List.of(winter), start.minusSeconds(1))
            .targets()
            .get(0)
            .html();
    String during =
        SignatureRenderer.render(JANE, rule, template, tenant, List.of(winter), start)
            .targets()
            .get(0)
            .html();

    assertThat(before).isEqualTo("Jane Doe");
    assertThat(during).isEqualTo("Jane Doe <b>Winter sale</b>");
  }
}
