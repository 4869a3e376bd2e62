package io.signet.emulator.http;

import io.signet.emulator.state.AccessToken;
import io.signet.emulator.state.AccountTroubles;
import io.signet.emulator.state.Customer;
import io.signet.emulator.state.EmulatedUser;
import io.signet.emulator.state.ServiceAccount;
import io.signet.emulator.state.WorkspaceState;
import io.signet.google.GoogleEndpoints;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Google's OAuth token endpoint for the JWT-bearer grant with domain-wide delegation: verifies the
 * assertion and the grant exactly as Google does and answers Google's errors.
 */
final class TokenEndpoint {

  static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";
  private static final long CLOCK_SKEW_SECONDS = 300;
  // Google's current wording (googleapis/google-api-php-client 1429)
  private static final String TIMEFRAME =
      "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe."
          + " Check your iat and exp values and use a clock with skew to account for clock"
          + " differences between systems.";
  // Google HTML-escapes the quotes (GAM's handleOAuthTokenError matches this form)
  private static final String INVALID_SUB = "Invalid impersonation &quot;sub&quot; field.";

  private final WorkspaceState state;
  private final Faults faults;
  private final Stats stats;
  private final ApiPipeline pipeline;
  private volatile Duration tokenLifetime = Duration.ofSeconds(3599);
  private volatile Duration clockOffset = Duration.ZERO;

  TokenEndpoint(WorkspaceState state, Faults faults, Stats stats, ApiPipeline pipeline) {
    this.state = state;
    this.faults = faults;
    this.stats = stats;
    this.pipeline = pipeline;
  }

  void setTokenLifetime(Duration lifetime) {
    this.tokenLifetime = lifetime;
  }

  void setClockOffset(Duration offset) {
    this.clockOffset = offset;
  }

  void handle(RoutingContext context) {
    long started = System.nanoTime();
    int status = 200;
    Object body = null;
    NonJsonAnswer page = null;
    try {
      faults.check(Operation.TOKEN);
      body = grant(context);
    } catch (NonJsonAnswer e) {
      // a front end or proxy answered: the token endpoint never saw the request
      status = e.status();
      page = e;
    } catch (TokenError e) {
      status = e.status;
      body = Map.of("error", e.error, "error_description", e.getMessage());
    } catch (ApiException e) {
      status = e.status();
      body = Map.of("error", "internal_failure", "error_description", e.getMessage());
    }
    stats.record(Operation.TOKEN, status);
    Buffer buffer = page != null ? Buffer.buffer(page.body()) : Json.buffer(body);
    String contentType = page != null ? page.contentType() : "application/json; charset=UTF-8";
    pipeline.answerLater(context, Operation.TOKEN, status, buffer, contentType, null, started);
  }

  private Map<String, Object> grant(RoutingContext context) {
    Map<String, String> form = RequestBodies.form(context);
    String grantType = form.get("grant_type");
    if (!GRANT_TYPE.equals(grantType)) {
      throw new TokenError(400, "unsupported_grant_type", "Invalid grant_type: " + grantType);
    }
    JwtAssertion jwt;
    try {
      jwt = JwtAssertion.parse(form.get("assertion"));
    } catch (IllegalArgumentException e) {
      throw new TokenError(400, "invalid_grant", "Invalid JWT: malformed assertion.");
    }
    ServiceAccount account =
        state
            .serviceAccountByEmail(String.valueOf(jwt.claim("iss")))
            .orElseThrow(
                () ->
                    new TokenError(
                        400, "invalid_grant", "Invalid JWT: No valid verifier found for issuer."));
    switch (state.troubles().standing(account)) {
      case DELETED ->
          // googleapis/google-cloud-php 3622
          throw new TokenError(400, "invalid_grant", "Invalid grant: account not found");
      case DISABLED ->
          // googleapis/google-api-ruby-client 720
          throw new TokenError(400, "invalid_grant", "Robot is disabled.");
      case ACTIVE -> {}
    }
    if (account.revoked() || !jwt.signedBy(account.publicKey())) {
      throw new TokenError(400, "invalid_grant", "Invalid JWT Signature.");
    }
    if (!GoogleEndpoints.TOKEN_AUDIENCE.equals(jwt.claim("aud"))) {
      throw new TokenError(
          400,
          "invalid_grant",
          "Invalid JWT: Failed audience check. The right audience is "
              + GoogleEndpoints.TOKEN_AUDIENCE);
    }
    checkTimeframe(jwt);
    Set<String> scopes = scopes(jwt.claim("scope"));
    if (scopes.isEmpty()) {
      throw new TokenError(400, "invalid_scope", "Empty or missing scope not allowed.");
    }
    String subject = jwt.claim("sub");
    context.put(ApiPipeline.SUBJECT, subject);
    EmulatedUser user = null;
    if (subject != null) {
      user = state.user(subject).orElseThrow(() -> unknownSubject(subject));
      switch (state.troubles().standing(user)) {
        case RESTRICTED -> throw new TokenError(400, "access_denied", "Account restricted");
        case DISABLED -> throw new TokenError(400, "invalid_account", "Forbidden");
        case GOOD -> {}
      }
      Customer customer = state.requireCustomer(user.customerId());
      Set<String> granted = customer.delegations().get(account.clientId());
      if (granted == null || !granted.containsAll(scopes)) {
        throw new TokenError(
            401,
            "unauthorized_client",
            "Client is unauthorized to retrieve access tokens using this method, or client not"
                + " authorized for any of the scopes requested.");
      }
    }
    Duration lifetime = tokenLifetime;
    AccessToken token =
        state.issueToken(account, user, scopes, state.clock().instant().plus(lifetime));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("access_token", token.token());
    answer.put("expires_in", lifetime.toSeconds());
    answer.put("token_type", "Bearer");
    return answer;
  }

  /**
   * A subject Google does not have: "The account has been deleted" while the deletion is recent,
   * then Google no longer knows the address ("Invalid impersonation "sub" field", GAM-team/GAM PR
   * 1171); an address never seen is "Invalid email or User ID".
   */
  private TokenError unknownSubject(String subject) {
    AccountTroubles troubles = state.troubles();
    return troubles
        .deletedAt(subject)
        .map(
            deleted ->
                state.clock().instant().isBefore(deleted.plus(troubles.deletedWindow()))
                    ? new TokenError(400, "invalid_grant", "The account has been deleted")
                    : new TokenError(400, "invalid_request", INVALID_SUB))
        .orElseGet(() -> new TokenError(400, "invalid_grant", "Invalid email or User ID"));
  }

  private void checkTimeframe(JwtAssertion jwt) {
    long iat = jwt.numericClaim("iat");
    long exp = jwt.numericClaim("exp");
    long now = state.clock().instant().plus(clockOffset).getEpochSecond();
    boolean valid =
        iat != Long.MIN_VALUE
            && exp != Long.MIN_VALUE
            && exp > iat
            && exp - iat <= 3600
            && iat <= now + CLOCK_SKEW_SECONDS
            && exp >= now - CLOCK_SKEW_SECONDS;
    if (!valid) {
      throw new TokenError(400, "invalid_grant", TIMEFRAME);
    }
  }

  private static Set<String> scopes(String claim) {
    if (claim == null || claim.isBlank()) {
      return Set.of();
    }
    return new LinkedHashSet<>(Arrays.asList(claim.trim().split("\\s+")));
  }

  /** An OAuth error answer of the token endpoint. */
  private static final class TokenError extends RuntimeException {
    private final int status;
    private final String error;

    TokenError(int status, String error, String description) {
      super(description, null, false, false);
      this.status = status;
      this.error = error;
    }
  }
}
