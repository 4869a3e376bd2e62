package io.signet.tenant.rest;

import io.signet.support.Problem;
import io.signet.tenant.service.AccessTokens;
import io.signet.tenant.service.JwtPublicKey;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Exchanges API keys for access tokens, and publishes the key that verifies them. */
@Path("/")
@Tag(name = "auth")
public class AuthResource {

  private final AccessTokens tokens;
  private final JwtPublicKey publicKey;

  public AuthResource(AccessTokens tokens, JwtPublicKey publicKey) {
    this.tokens = tokens;
    this.publicKey = publicKey;
  }

  record TokenAnswer(
      String accessToken, String tokenType, long expiresIn, String role, String tenantId) {}

  @POST
  @Path("api/v1/auth/token")
  @PermitAll
  @Operation(
      summary =
          "Exchange an API key (operator, service or tenant) for a short-lived access token;"
              + " 429 with Retry-After after repeated failures from one address or for one key")
  public TokenAnswer token(Requests.TokenRequest request, @Context HttpServerRequest http) {
    if (request == null) {
      throw Problem.invalid("apiKey", "a body {\"apiKey\": \"...\"} is required");
    }
    // the peer's address: behind a proxy, quarkus.http.proxy.* makes it the forwarded client's
    AccessTokens.Issued issued =
        tokens.exchange(request.apiKey(), http.remoteAddress().hostAddress());
    return new TokenAnswer(
        issued.accessToken(),
        "Bearer",
        issued.expiresIn().toSeconds(),
        issued.role(),
        issued.tenantId());
  }

  @GET
  @Path(".well-known/jwks.json")
  @PermitAll
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "The public keys every Signet service verifies access tokens with")
  public Map<String, Object> jwks() {
    return publicKey.jwks();
  }
}
