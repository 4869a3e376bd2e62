package io.signet.render.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** The render API's request and answer documents. */
final class RenderApi {

  private RenderApi() {}

  record NewTemplate(String name, String source) {}

  record TemplateEdit(String source) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record TemplateView(
      String id,
      String name,
      int version,
      String source,
      Instant createdAt,
      List<String> warnings) {}

  record AudienceDoc(String kind, String value) {}

  record RuleDoc(AudienceDoc audience, String templateId, Boolean includeAliases) {}

  record NewCampaign(
      String name, String bannerHtml, Instant start, Instant end, AudienceDoc audience) {}

  record CampaignView(
      String id,
      String name,
      String bannerHtml,
      Instant start,
      Instant end,
      AudienceDoc audience) {}

  /**
   * @param userId a user of the tenant's directory; absent for the built-in sample user
   * @param source a template to try instead of the one the user's rule chooses (required for the
   *     sample user)
   */
  record PreviewRequest(String userId, String source) {}

  record PreviewTarget(String sendAsEmail, String html, int length) {}

  record Preview(
      String templateId, List<PreviewTarget> targets, List<String> errors, List<String> warnings) {}
}
