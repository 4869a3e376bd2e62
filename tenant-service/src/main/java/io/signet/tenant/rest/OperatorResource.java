package io.signet.tenant.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.signet.support.Problem;
import io.signet.support.Roles;
import io.signet.tenant.service.DelegationAccounts;
import io.signet.tenant.service.KeyVault;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The operator's own settings: the shared service account, master key rotation. */
@Path("/api/v1/operator")
@Tag(name = "operator")
@RolesAllowed(Roles.OPERATOR)
public class OperatorResource {

  private final DelegationAccounts accounts;
  private final KeyVault vault;
  private final ObjectMapper json;

  public OperatorResource(DelegationAccounts accounts, KeyVault vault, ObjectMapper json) {
    this.accounts = accounts;
    this.vault = vault;
    this.json = json;
  }

  @PUT
  @Path("/shared-service-account")
  @Operation(summary = "Upload the shared service account's key JSON (stored encrypted)")
  public DelegationAccounts.Account setShared(JsonNode keyJson) throws Exception {
    if (keyJson == null || !keyJson.isObject()) {
      throw Problem.invalid(null, "the body is the service-account key JSON object");
    }
    return accounts.setShared(json.writeValueAsString(keyJson).getBytes(StandardCharsets.UTF_8));
  }

  @GET
  @Path("/shared-service-account")
  @Operation(summary = "The shared service account's client id and email")
  public DelegationAccounts.Account shared() {
    return accounts
        .shared()
        .orElseThrow(() -> Problem.notFound("no shared service account is set"));
  }

  @POST
  @Path("/vault/reencrypt")
  @Operation(summary = "Re-encrypt every stored key under the active master key (after rotation)")
  public Map<String, Object> reencrypt() {
    return Map.of("reencrypted", vault.reencryptAll(), "activeKeyId", vault.activeKeyId());
  }
}
