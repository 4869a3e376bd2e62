package io.signet.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.signet.emulator.state.AccessToken;
import io.signet.emulator.state.EmulatedUser;
import io.signet.emulator.state.SendAs;
import io.signet.emulator.state.WorkspaceState;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.Set;

/**
 * Gmail's {@code users.settings.sendAs} list, get, create, update and patch. Only the primary
 * address and the custom "from" addresses someone created are sendAs entries: a Directory alias is
 * not one until it is created, and a write to it answers 404.
 */
final class GmailApi {

  static final int MAX_SIGNATURE_LENGTH = 10_000;

  private static final String BASE = "/gmail/v1/users/:userId/settings/sendAs";
  private static final String BASIC = "https://www.googleapis.com/auth/gmail.settings.basic";
  private static final String SHARING = "https://www.googleapis.com/auth/gmail.settings.sharing";
  private static final Set<String> READ =
      Set.of(
          BASIC,
          SHARING,
          "https://www.googleapis.com/auth/gmail.readonly",
          "https://www.googleapis.com/auth/gmail.modify",
          "https://mail.google.com/");
  private static final Set<String> WRITE = Set.of(BASIC, SHARING);

  /** "sendAs.create … requires … gmail.settings.sharing" (Gmail API reference). */
  private static final Set<String> CREATE = Set.of(SHARING);

  private final WorkspaceState state;

  GmailApi(WorkspaceState state) {
    this.state = state;
  }

  void register(Router router, ApiPipeline pipeline) {
    router.get(BASE).handler(pipeline.handler(Operation.SEND_AS_LIST, READ, this::list));
    router.get(BASE + "/:email").handler(pipeline.handler(Operation.SEND_AS_GET, READ, this::get));
    router.post(BASE).handler(pipeline.handler(Operation.SEND_AS_CREATE, CREATE, this::create));
    router
        .put(BASE + "/:email")
        .handler(pipeline.handler(Operation.SEND_AS_UPDATE, WRITE, (c, t) -> write(c, t, true)));
    router
        .patch(BASE + "/:email")
        .handler(pipeline.handler(Operation.SEND_AS_PATCH, WRITE, (c, t) -> write(c, t, false)));
  }

  private JsonNode list(RoutingContext context, AccessToken token) {
    EmulatedUser user = mailbox(context, token);
    ObjectNode answer = JsonNodeFactory.instance.objectNode();
    var array = answer.putArray("sendAs");
    user.sendAsEntries().forEach(entry -> array.add(json(entry)));
    return answer;
  }

  private JsonNode get(RoutingContext context, AccessToken token) {
    EmulatedUser user = mailbox(context, token);
    return user.sendAsEntry(context.pathParam("email"))
        .map(GmailApi::json)
        .orElseThrow(GmailApi::entityNotFound);
  }

  private JsonNode write(RoutingContext context, AccessToken token, boolean replaceAll) {
    EmulatedUser user = mailbox(context, token);
    JsonNode body = body(context);
    String signature = text(body, "signature");
    if (signature != null && signature.length() > MAX_SIGNATURE_LENGTH) {
      throw new ApiException(
          400,
          "invalidArgument",
          "Signature exceeds maximum length of " + MAX_SIGNATURE_LENGTH + " characters");
    }
    String email = context.pathParam("email");
    String stored = signature == null ? null : SignatureSanitizer.sanitise(signature);
    SendAs written =
        user.writeSendAs(
                email, text(body, "displayName"), text(body, "replyToAddress"), stored, replaceAll)
            .orElseThrow(GmailApi::entityNotFound);
    state.logWrite(
        token, user, written.sendAsEmail(), replaceAll ? "update" : "patch", written.signature());
    return json(written);
  }

  /**
   * Creates a custom "from" address. The user's own Directory aliases are accepted at once ({@code
   * verificationStatus: accepted}); any other address needs an SMTP relay (GAM-team/GAM issue 681:
   * "400: Custom from requires smtpMsa configuration - invalidArgument"), which the emulator does
   * not connect to. An address that is a sendAs entry already answers 409 (undocumented: Google's
   * usual {@code alreadyExists}).
   */
  private JsonNode create(RoutingContext context, AccessToken token) {
    EmulatedUser user = mailbox(context, token);
    JsonNode body = body(context);
    String email = text(body, "sendAsEmail");
    if (email == null || email.isBlank()) {
      throw new ApiException(400, "invalidArgument", "Invalid sendAsEmail");
    }
    if (!user.ownsAddress(email)) {
      throw new ApiException(400, "invalidArgument", "Custom from requires smtpMsa configuration");
    }
    String signature = text(body, "signature");
    if (signature != null && signature.length() > MAX_SIGNATURE_LENGTH) {
      throw new ApiException(
          400,
          "invalidArgument",
          "Signature exceeds maximum length of " + MAX_SIGNATURE_LENGTH + " characters");
    }
    String stored = signature == null ? null : SignatureSanitizer.sanitise(signature);
    JsonNode alias = body.get("treatAsAlias");
    SendAs created =
        user.createSendAs(
                email,
                text(body, "displayName"),
                text(body, "replyToAddress"),
                stored,
                alias != null && alias.asBoolean(),
                "accepted")
            .orElseThrow(
                () -> new ApiException(409, "alreadyExists", "Requested entity already exists"));
    state.logWrite(token, user, created.sendAsEmail(), "create", created.signature());
    return json(created);
  }

  /** The user whose mailbox the call is about, after Gmail's delegation rules. */
  private EmulatedUser mailbox(RoutingContext context, AccessToken token) {
    if (token.subjectUserId() == null) {
      throw new ApiException(400, "failedPrecondition", "Precondition check failed.");
    }
    String userId = context.pathParam("userId");
    EmulatedUser subject =
        state
            .user(token.subjectUserId())
            .orElseThrow(
                () -> new ApiException(400, "failedPrecondition", "Mail service not enabled"));
    boolean self =
        "me".equals(userId)
            || subject.id().equals(userId)
            || subject.primaryEmail().equalsIgnoreCase(userId)
            || subject.aliases().contains(userId.toLowerCase());
    if (!self) {
      throw new ApiException(403, "forbidden", "Delegation denied for " + subject.primaryEmail());
    }
    if (!subject.gmailEnabled() || subject.suspended()) {
      throw new ApiException(400, "failedPrecondition", "Mail service not enabled");
    }
    return subject;
  }

  private static JsonNode body(RoutingContext context) {
    try {
      JsonNode body = Json.MAPPER.readTree(RequestBodies.of(context).getBytes());
      if (body == null || !body.isObject()) {
        throw new ApiException(400, "parseError", "Invalid JSON payload received.");
      }
      return body;
    } catch (IOException | NullPointerException e) {
      throw new ApiException(400, "parseError", "Invalid JSON payload received.");
    }
  }

  private static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static ApiException entityNotFound() {
    return new ApiException(404, "notFound", "Requested entity was not found.");
  }

  static ObjectNode json(SendAs entry) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("sendAsEmail", entry.sendAsEmail());
    if (entry.displayName() != null) {
      node.put("displayName", entry.displayName());
    }
    if (entry.replyToAddress() != null) {
      node.put("replyToAddress", entry.replyToAddress());
    }
    node.put("signature", entry.signature());
    if (entry.isPrimary()) {
      node.put("isPrimary", true);
    }
    if (entry.isDefault()) {
      node.put("isDefault", true);
    }
    if (entry.treatAsAlias()) {
      node.put("treatAsAlias", true);
    }
    if (entry.verificationStatus() != null) {
      node.put("verificationStatus", entry.verificationStatus());
    }
    return node;
  }
}
