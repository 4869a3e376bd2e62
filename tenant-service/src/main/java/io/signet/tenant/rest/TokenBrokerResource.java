package io.signet.tenant.rest;

import io.signet.support.Problem;
import io.signet.support.Roles;
import io.signet.tenant.service.TokenBroker;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The internal token broker: Signet's services get Google tokens without ever seeing a key. */
@Path("/internal/v1/tokens")
@Tag(name = "internal")
@RolesAllowed(Roles.SERVICE)
public class TokenBrokerResource {

  private final TokenBroker broker;

  public TokenBrokerResource(TokenBroker broker) {
    this.broker = broker;
  }

  @POST
  @Operation(summary = "A Google access token for (tenant, subject, scopes)")
  public TokenBroker.Minted token(Requests.BrokeredTokenRequest request) {
    if (request == null || request.tenantId() == null || request.subject() == null) {
      throw Problem.invalid("tenantId", "tenantId, subject and scopes are required");
    }
    if (!request.subject().contains("@")) {
      throw Problem.invalid("subject", "subject is the email of the user to act as");
    }
    return broker.token(
        request.tenantId(), request.subject(), request.scopes(), request.rejectedToken());
  }
}
