package io.signet.render.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.signet.support.json.MultiLine;
import java.time.Instant;
import java.util.List;

/**
 * The render API's request and answer documents. A template's source and a campaign's banner may
 * span lines ({@link MultiLine}); every other text is one line.
 */
final class RenderApi {

  private RenderApi() {}

  record NewTemplate(String name, @MultiLine String source) {}

  record TemplateEdit(@MultiLine String source) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record TemplateView(
      String id,
      String name,
      int version,
      String source,
      Instant createdAt,
      List<String> warnings) {}

  record AudienceDoc(String kind, String value) {}

  /**
   * @param includeAliases whether the user's sendAs addresses other than the primary, in the
   *     tenant's domains, get a signature too
   * @param includeExternalSendAs with includeAliases, whether sendAs addresses outside the tenant's
   *     domains get it as well (default false)
   */
  record RuleDoc(
      AudienceDoc audience,
      String templateId,
      Boolean includeAliases,
      Boolean includeExternalSendAs) {}

  record NewCampaign(
      String name,
      @MultiLine String bannerHtml,
      Instant start,
      Instant end,
      AudienceDoc audience) {}

  record CampaignView(
      String id,
      String name,
      String bannerHtml,
      Instant start,
      Instant end,
      AudienceDoc audience) {}

  /**
   * A tenant's latest whole re-render.
   *
   * @param state PENDING (queued, or restarted by a later change), RUNNING or DONE
   * @param cause the latest change it renders
   * @param usersDone users rendered in this pass so far
   * @param usersTotal the tenant's users when this pass started (exact once DONE)
   */
  record RerenderStatus(
      String state,
      String cause,
      int usersDone,
      int usersTotal,
      Instant requestedAt,
      Instant startedAt,
      Instant updatedAt,
      Instant finishedAt) {}

  /**
   * @param userId a user of the tenant's directory; absent for the built-in sample user
   * @param source a template to try instead of the one the user's rule chooses (required for the
   *     sample user)
   */
  record PreviewRequest(String userId, @MultiLine String source) {}

  record PreviewTarget(String sendAsEmail, String html, int length) {}

  /**
   * @param aliasesWithoutSendAs Directory aliases the rule would sign that Gmail has no sendAs for
   */
  record Preview(
      String templateId,
      List<PreviewTarget> targets,
      List<String> errors,
      List<String> warnings,
      List<String> aliasesWithoutSendAs) {}
}
