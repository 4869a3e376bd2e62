package io.signet.tenant.rest;

import io.signet.support.Problem;
import io.signet.support.Roles;
import io.signet.tenant.service.BrokerScopes;
import io.signet.tenant.service.TokenBroker;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The internal token broker: Signet's services get Google tokens without ever seeing a key. */
@Path("/internal/v1/tokens")
@Tag(name = "internal")
@RolesAllowed(Roles.SERVICE)
public class TokenBrokerResource {

  /** Service tokens are issued with the subject {@code service:<name of its key>}. */
  private static final String SERVICE_SUBJECT = "service:";

  private final TokenBroker broker;
  private final BrokerScopes scopes;
  private final JsonWebToken caller;

  public TokenBrokerResource(TokenBroker broker, BrokerScopes scopes, JsonWebToken caller) {
    this.broker = broker;
    this.scopes = scopes;
    this.caller = caller;
  }

  @POST
  @Operation(
      summary =
          "A Google access token for (tenant, subject, scopes): only the scopes the calling"
              + " service may have (signet.auth.service-scopes), else 403 scope-not-allowed")
  public TokenBroker.Minted token(Requests.BrokeredTokenRequest request) {
    if (request == null || request.tenantId() == null || request.subject() == null) {
      throw Problem.invalid("tenantId", "tenantId, subject and scopes are required");
    }
    if (!request.subject().contains("@")) {
      throw Problem.invalid("subject", "subject is the email of the user to act as");
    }
    if (request.scopes() == null || request.scopes().isEmpty()) {
      throw Problem.invalid("scopes", "at least one scope is required");
    }
    String subject = caller.getSubject() == null ? "" : caller.getSubject();
    scopes.require(
        subject.startsWith(SERVICE_SUBJECT) ? subject.substring(SERVICE_SUBJECT.length()) : "",
        request.scopes());
    return broker.token(
        request.tenantId(), request.subject(), request.scopes(), request.rejectedToken());
  }
}
