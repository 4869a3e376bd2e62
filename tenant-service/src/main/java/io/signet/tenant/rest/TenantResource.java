package io.signet.tenant.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.signet.support.Caller;
import io.signet.support.Problem;
import io.signet.support.Roles;
import io.signet.tenant.repository.TenantEntity;
import io.signet.tenant.service.DelegationAccounts;
import io.signet.tenant.service.TenantService;
import io.signet.tenant.service.TokenBroker;
import io.signet.tenant.service.Verifications;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Tenants: the operator creates, lists, suspends, resumes and deletes them; a tenant's admin reads
 * its tenant, sets the delegation, runs the verification and changes settings.
 */
@Path("/api/v1/tenants")
@Tag(name = "tenants")
@SecurityRequirement(name = "bearer")
public class TenantResource {

  private static final int MAX_PAGE_SIZE = 200;

  private final TenantService tenants;
  private final DelegationAccounts accounts;
  private final Verifications verifications;
  private final TokenBroker broker;
  private final Caller caller;
  private final ObjectMapper json;

  public TenantResource(
      TenantService tenants,
      DelegationAccounts accounts,
      Verifications verifications,
      TokenBroker broker,
      Caller caller,
      ObjectMapper json) {
    this.tenants = tenants;
    this.accounts = accounts;
    this.verifications = verifications;
    this.broker = broker;
    this.caller = caller;
    this.json = json;
  }

  @POST
  @RolesAllowed(Roles.OPERATOR)
  @Operation(summary = "Create a tenant; its API key is in the answer, shown this once")
  public Response create(Requests.CreateTenant request) {
    if (request == null) {
      throw Problem.invalid(null, "a JSON body is required");
    }
    String displayName = request.displayName() == null ? "" : request.displayName().strip();
    if (displayName.isEmpty() || displayName.length() > 200) {
      throw Problem.invalid("displayName", "displayName is required, at most 200 characters");
    }
    TenantService.Created created =
        tenants.create(
            displayName, request.primaryDomain(), request.extraDomains(), request.adminEmail());
    Views.CreatedTenant body =
        new Views.CreatedTenant(
            Views.tenant(created.tenant(), accounts),
            created.apiKey(),
            "Store the apiKey now: Signet keeps only its hash and cannot show it again.");
    return Response.created(URI.create("/api/v1/tenants/" + created.tenant().id))
        .entity(body)
        .build();
  }

  @GET
  @RolesAllowed(Roles.OPERATOR)
  @Operation(summary = "List tenants, oldest first")
  public Views.Page<Views.TenantView> list(
      @QueryParam("page") @DefaultValue("0") int page,
      @QueryParam("size") @DefaultValue("50") int size) {
    if (page < 0) {
      throw Problem.invalid("page", "page starts at 0");
    }
    if (size < 1 || size > MAX_PAGE_SIZE) {
      throw Problem.invalid("size", "size is 1 to " + MAX_PAGE_SIZE);
    }
    requireReachable(page, size);
    List<Views.TenantView> items =
        tenants.page(page, size).stream().map(t -> Views.tenant(t, accounts)).toList();
    return new Views.Page<>(items, page, size, tenants.count());
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Roles.OPERATOR, Roles.TENANT})
  @Operation(summary = "Read a tenant")
  public Views.TenantView get(@PathParam("id") String id) {
    caller.requireTenant(id);
    return Views.tenant(tenants.get(id), accounts);
  }

  @POST
  @Path("/{id}/suspend")
  @RolesAllowed(Roles.OPERATOR)
  @Operation(summary = "Suspend a tenant: nothing is read from or written to its Google")
  public Views.TenantView suspend(@PathParam("id") String id) {
    return Views.tenant(tenants.suspend(id), accounts);
  }

  @POST
  @Path("/{id}/resume")
  @RolesAllowed(Roles.OPERATOR)
  @Operation(summary = "Resume a suspended tenant")
  public Views.TenantView resume(@PathParam("id") String id) {
    return Views.tenant(tenants.resume(id), accounts);
  }

  @DELETE
  @Path("/{id}")
  @RolesAllowed(Roles.OPERATOR)
  @Operation(summary = "Delete a tenant: every service forgets it (a tombstone on signet.tenants)")
  public Response delete(@PathParam("id") String id) {
    tenants.delete(id);
    broker.forget(id);
    return Response.noContent().build();
  }

  @PATCH
  @Path("/{id}/settings")
  @RolesAllowed({Roles.OPERATOR, Roles.TENANT})
  @Operation(
      summary =
          "Change settings: auto-push, directory sync interval (5 min to 7 days), creating"
              + " missing alias sendAs entries (needs gmail.settings.sharing)")
  public Views.TenantView settings(@PathParam("id") String id, Requests.Settings request) {
    caller.requireTenant(id);
    if (request == null) {
      throw Problem.invalid(null, "a JSON body is required");
    }
    return Views.tenant(
        tenants.updateSettings(
            id,
            request.autoPush(),
            request.directorySyncIntervalMinutes(),
            request.createAliasSendAs()),
        accounts);
  }

  @GET
  @Path("/{id}/delegation")
  @RolesAllowed({Roles.OPERATOR, Roles.TENANT})
  @Operation(summary = "The client id and scope line to grant under Manage domain wide delegation")
  public Views.DelegationView delegation(@PathParam("id") String id) {
    caller.requireTenant(id);
    return Views.delegation(tenants.get(id), accounts);
  }

  @PUT
  @Path("/{id}/delegation")
  @RolesAllowed({Roles.OPERATOR, Roles.TENANT})
  @Operation(
      summary = "Use the operator's shared service account, or upload the tenant's own key JSON")
  public Views.DelegationView setDelegation(
      @PathParam("id") String id, Requests.Delegation request) {
    caller.requireTenant(id);
    if (request == null || request.mode() == null) {
      throw Problem.invalid("mode", "mode is SHARED or OWN");
    }
    TenantEntity tenant =
        switch (request.mode()) {
          case "SHARED" -> {
            if (request.serviceAccountKey() != null) {
              throw Problem.invalid(
                  "serviceAccountKey", "the SHARED mode uses the operator's key: send none");
            }
            yield tenants.useSharedDelegation(id);
          }
          case "OWN" -> {
            if (request.serviceAccountKey() == null || request.serviceAccountKey().isNull()) {
              throw Problem.invalid("serviceAccountKey", "the OWN mode needs the key JSON");
            }
            yield tenants.useOwnDelegation(id, keyBytes(request));
          }
          default -> throw Problem.invalid("mode", "mode is SHARED or OWN, not " + request.mode());
        };
    broker.forget(id);
    return Views.delegation(tenant, accounts);
  }

  @POST
  @Path("/{id}/verifications")
  @RolesAllowed({Roles.OPERATOR, Roles.TENANT})
  @Operation(summary = "Check every requirement of the connector against Google now")
  public Response verify(@PathParam("id") String id) {
    caller.requireTenant(id);
    Verifications.Report report = verifications.run(id);
    return Response.created(URI.create("/api/v1/tenants/" + id + "/verifications/" + report.id()))
        .entity(report)
        .build();
  }

  @GET
  @Path("/{id}/verifications/latest")
  @RolesAllowed({Roles.OPERATOR, Roles.TENANT})
  @Operation(summary = "The latest verification report")
  public Verifications.Report latest(@PathParam("id") String id) {
    caller.requireTenant(id);
    return verifications.latest(id);
  }

  @GET
  @Path("/{id}/verifications")
  @RolesAllowed({Roles.OPERATOR, Roles.TENANT})
  @Operation(summary = "Verification history, newest first")
  public List<Verifications.Report> history(
      @PathParam("id") String id,
      @QueryParam("page") @DefaultValue("0") int page,
      @QueryParam("size") @DefaultValue("20") int size) {
    caller.requireTenant(id);
    if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
      throw Problem.invalid("size", "page >= 0 and size 1 to " + MAX_PAGE_SIZE);
    }
    requireReachable(page, size);
    return verifications.history(id, page, size);
  }

  /** The first row of a page is page × size, an int in the query: it must not overflow. */
  private static void requireReachable(int page, int size) {
    if ((long) page * size > Integer.MAX_VALUE) {
      throw Problem.invalid("page", "page × size is at most " + Integer.MAX_VALUE);
    }
  }

  private byte[] keyBytes(Requests.Delegation request) {
    try {
      return json.writeValueAsString(request.serviceAccountKey()).getBytes(StandardCharsets.UTF_8);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw Problem.invalid("serviceAccountKey", "the key JSON cannot be read");
    }
  }
}
