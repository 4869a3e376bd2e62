package io.signet.render.rest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.signet.events.RenderCause;
import io.signet.render.repository.CampaignEntity;
import io.signet.render.repository.Repositories;
import io.signet.render.service.Rerenders;
import io.signet.support.Caller;
import io.signet.support.Problem;
import io.signet.support.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Campaign banners: shown between two instants to an audience, flipping by themselves. */
@Path("/api/v1/tenants/{tenantId}/campaigns")
@Tag(name = "campaigns")
@RolesAllowed({Roles.OPERATOR, Roles.TENANT})
public class CampaignResource {

  private final Repositories.Campaigns campaigns;
  private final Rerenders rerenders;
  private final Caller caller;

  public CampaignResource(Repositories.Campaigns campaigns, Rerenders rerenders, Caller caller) {
    this.campaigns = campaigns;
    this.rerenders = rerenders;
    this.caller = caller;
  }

  private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  @POST
  @Operation(summary = "Schedule a campaign banner")
  public Response create(@PathParam("tenantId") String tenantId, RenderApi.NewCampaign request) {
    caller.requireTenant(tenantId);
    if (request == null
        || request.name() == null
        || request.name().isBlank()
        || request.name().length() > 200) {
      throw Problem.invalid("name", "name is required, at most 200 characters");
    }
    if (request.bannerHtml() == null
        || request.bannerHtml().isBlank()
        || request.bannerHtml().length() > 5_000) {
      throw Problem.invalid("bannerHtml", "bannerHtml is required, at most 5,000 characters");
    }
    if (request.start() == null
        || request.end() == null
        || !request.end().isAfter(request.start())) {
      throw Problem.invalid("end", "start and end are required, end after start");
    }
    // Java reads instants PostgreSQL cannot store (year 1,000,000,000): bound them first
    if (request.start().isBefore(EARLIEST) || request.end().isAfter(LATEST)) {
      throw Problem.invalid("start", "a campaign runs between the years 2000 and 9999");
    }
    RuleResource.audience(request.audience(), "audience");
    CampaignEntity campaign = new CampaignEntity();
    campaign.id = "cmp-" + UUID.randomUUID().toString().substring(0, 8);
    campaign.tenantId = tenantId;
    campaign.name = request.name().strip();
    campaign.bannerHtml = request.bannerHtml();
    campaign.startAt = request.start();
    campaign.endAt = request.end();
    campaign.audienceKind = request.audience().kind();
    campaign.audienceValue = request.audience().value();
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              campaigns.persist(campaign);
              rerenders.tenant(tenantId, RenderCause.CAMPAIGN);
            });
    return Response.created(URI.create("/api/v1/tenants/" + tenantId + "/campaigns/" + campaign.id))
        .entity(view(campaign))
        .build();
  }

  @GET
  @Operation(summary = "The tenant's campaigns")
  public List<RenderApi.CampaignView> list(@PathParam("tenantId") String tenantId) {
    caller.requireTenant(tenantId);
    return QuarkusTransaction.requiringNew()
        .call(() -> campaigns.ofTenant(tenantId).stream().map(CampaignResource::view).toList());
  }

  @DELETE
  @Path("/{campaignId}")
  @Operation(summary = "Remove a campaign; its banner disappears")
  public Response delete(
      @PathParam("tenantId") String tenantId, @PathParam("campaignId") String campaignId) {
    caller.requireTenant(tenantId);
    boolean deleted =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  if (campaigns.delete("id = ?1 and tenantId = ?2", campaignId, tenantId) == 0) {
                    return false;
                  }
                  rerenders.tenant(tenantId, RenderCause.CAMPAIGN);
                  return true;
                });
    if (!deleted) {
      throw Problem.notFound("no campaign " + campaignId);
    }
    return Response.noContent().build();
  }

  private static RenderApi.CampaignView view(CampaignEntity campaign) {
    return new RenderApi.CampaignView(
        campaign.id,
        campaign.name,
        campaign.bannerHtml,
        campaign.startAt,
        campaign.endAt,
        new RenderApi.AudienceDoc(campaign.audienceKind, campaign.audienceValue));
  }
}
