package io.signet.emulator.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.signet.emulator.seed.Seed;
import io.signet.emulator.seed.UserGenerator;
import io.signet.emulator.state.AccountTroubles;
import io.signet.emulator.state.AdminException;
import io.signet.emulator.state.Customer;
import io.signet.emulator.state.EmulatedUser;
import io.signet.emulator.state.RoleAssignment;
import io.signet.emulator.state.UserProfile;
import io.signet.emulator.state.UserSpec;
import io.signet.emulator.state.WorkspaceState;
import io.signet.google.ServiceAccountKeyGenerator;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The emulator's own admin API under {@code /emulator/v1}: seed customers, service accounts,
 * delegation grants, users, groups and roles; mutate users (firing watch notifications); read back
 * sendAs settings and the write log; configure quotas and faults; reset. A refused request answers
 * 4xx with {@code {"error":{"status","message"}}} and changes nothing.
 */
final class AdminApi {

  static final String BASE = "/emulator/v1";

  private final WorkspaceState state;
  private final EmulatorControls controls;
  private final Supplier<String> tokenUri;

  /**
   * @param tokenUri the token URI written into new keys, known once the server listens
   */
  AdminApi(WorkspaceState state, EmulatorControls controls, Supplier<String> tokenUri) {
    this.state = state;
    this.controls = controls;
    this.tokenUri = tokenUri;
  }

  record CustomerRequest(String customerId, List<String> domains) {}

  record ServiceAccountRequest(String projectId, String name) {}

  record DelegationRequest(List<String> scopes) {}

  record GenerateRequest(Integer count, Long seed, String domain) {}

  record GroupRequest(String email, String name, String description) {}

  record MemberRequest(String email, String role) {}

  /** An address the user sets up under Gmail's "Send mail as". */
  record SendAsRequest(String sendAsEmail) {}

  /** Exactly one of {@code userKey} and {@code groupKey}. */
  record RoleAssignmentRequest(String userKey, String groupKey, String roleName) {}

  record RoleRequest(String roleName, String description, List<String> privileges) {}

  record TokenLifetimeRequest(long seconds) {}

  record StandingRequest(AccountTroubles.Standing standing) {}

  record ServiceAccountStandingRequest(AccountTroubles.ServiceAccountStanding standing) {}

  record SecondsRequest(Long seconds) {}

  void register(Router router) {
    router.post(BASE + "/customers").handler(json(CustomerRequest.class, this::createCustomer));
    router.get(BASE + "/customers/:customerId").handler(read(this::customer));
    router.get(BASE + "/customers/:customerId/users").handler(read(this::customerUsers));
    router
        .post(BASE + "/service-accounts")
        .handler(json(ServiceAccountRequest.class, this::createServiceAccount));
    router
        .post(BASE + "/service-accounts/:clientId/revoke-key")
        .handler(empty(c -> state.revokeKey(c.pathParam("clientId"))));
    router
        .put(BASE + "/customers/:customerId/delegations/:clientId")
        .handler(json(DelegationRequest.class, this::setDelegation));
    router
        .delete(BASE + "/customers/:customerId/delegations/:clientId")
        .handler(
            empty(c -> state.removeDelegation(c.pathParam("customerId"), c.pathParam("clientId"))));
    router
        .post(BASE + "/customers/:customerId/users")
        .handler(json(UserSpec.class, this::createUser));
    router
        .post(BASE + "/customers/:customerId/users/generate")
        .handler(json(GenerateRequest.class, this::generateUsers));
    router.get(BASE + "/users/:userKey").handler(read(this::user));
    router.patch(BASE + "/users/:userKey").handler(json(UserSpec.class, this::updateUser));
    router
        .delete(BASE + "/users/:userKey")
        .handler(empty(c -> state.deleteUser(c.pathParam("userKey"))));
    router.post(BASE + "/users/:userId/undelete").handler(read(this::undeleteUser));
    router.get(BASE + "/users/:userKey/send-as").handler(read(this::sendAs));
    router
        .post(BASE + "/users/:userKey/send-as")
        .handler(json(SendAsRequest.class, this::addSendAs));
    router
        .delete(BASE + "/users/:userKey/send-as/:email")
        .handler(empty(c -> state.removeSendAs(c.pathParam("userKey"), c.pathParam("email"))));
    router
        .put(BASE + "/users/:userKey/standing")
        .handler(json(StandingRequest.class, this::setStanding));
    router
        .put(BASE + "/service-accounts/:clientId/standing")
        .handler(json(ServiceAccountStandingRequest.class, this::setServiceAccountStanding));
    router
        .put(BASE + "/users/:userKey/rate-limit")
        .handler(json(SecondsRequest.class, this::limitUser));
    router.get(BASE + "/users/:userKey/rate-limit").handler(read(this::userLimit));
    router
        .put(BASE + "/tokens/deleted-account-window")
        .handler(json(SecondsRequest.class, this::deletedWindow));
    router
        .put(BASE + "/tokens/clock-offset")
        .handler(json(SecondsRequest.class, this::clockOffset));
    router
        .post(BASE + "/customers/:customerId/groups")
        .handler(json(GroupRequest.class, this::createGroup));
    router
        .delete(BASE + "/groups/:groupKey/members/:memberKey")
        .handler(empty(c -> state.removeMember(c.pathParam("groupKey"), c.pathParam("memberKey"))));
    router
        .post(BASE + "/groups/:groupKey/members")
        .handler(json(MemberRequest.class, this::addMember));
    router
        .post(BASE + "/customers/:customerId/roles")
        .handler(json(RoleRequest.class, this::createRole));
    router
        .post(BASE + "/customers/:customerId/role-assignments")
        .handler(json(RoleAssignmentRequest.class, this::assignRole));
    router
        .delete(BASE + "/customers/:customerId/role-assignments/:id")
        .handler(
            empty(c -> state.removeRoleAssignment(c.pathParam("customerId"), c.pathParam("id"))));
    router.get(BASE + "/write-log").handler(read(this::writeLog));
    router.get(BASE + "/stats").handler(read(c -> controls.stats()));
    router.put(BASE + "/quotas").handler(json(QuotaSettings.class, this::setQuotas));
    router.get(BASE + "/quotas").handler(read(c -> controls.quotas()));
    router.put(BASE + "/faults").handler(json(FaultRequests.FaultsRequest.class, this::setFaults));
    router
        .post(BASE + "/faults/next")
        .handler(json(FaultRequests.NextFailureRequest.class, this::failNext));
    router
        .post(BASE + "/faults/users-list-missing-users")
        .handler(json(FaultRequests.MissingUsersRequest.class, this::missingUsers));
    router.get(BASE + "/watch-settings").handler(read(c -> controls.watchSettings()));
    router.put(BASE + "/watch-settings").handler(json(WatchSettings.class, this::setWatch));
    router.delete(BASE + "/faults").handler(empty(c -> controls.clearFaults()));
    router.get(BASE + "/faults/injected-latency").handler(read(this::injectedLatency));
    router.post(BASE + "/tokens/expire").handler(empty(c -> state.expireAllTokens()));
    router
        .put(BASE + "/tokens/lifetime")
        .handler(json(TokenLifetimeRequest.class, this::tokenLifetime));
    router
        .post(BASE + "/seed")
        .handler(json(Seed.class, (c, seed) -> created(seed.applyTo(state, tokenUri.get()))));
    router.post(BASE + "/reset").handler(empty(c -> controls.reset()));
  }

  // ---------------------------------------------------------------- operations

  private Reply createCustomer(RoutingContext context, CustomerRequest request) {
    return created(customerJson(state.createCustomer(request.customerId(), request.domains())));
  }

  private Object customer(RoutingContext context) {
    return customerJson(state.requireCustomer(context.pathParam("customerId")));
  }

  /** Every user of a customer with what Gmail holds for them: the local stack's and tests' view. */
  private Object customerUsers(RoutingContext context) {
    Customer customer = state.requireCustomer(context.pathParam("customerId"));
    List<Map<String, Object>> users = new ArrayList<>();
    for (EmulatedUser user : customer.usersByEmail().values()) {
      UserProfile profile = user.profile();
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("id", profile.id());
      json.put("primaryEmail", profile.primaryEmail());
      json.put("suspended", profile.suspended());
      json.put("archived", profile.archived());
      json.put("gmailEnabled", profile.gmailEnabled());
      json.put("sendAs", user.sendAsEntries().stream().map(GmailApi::json).toList());
      users.add(json);
    }
    return Map.of("users", users);
  }

  private Reply createServiceAccount(RoutingContext context, ServiceAccountRequest request) {
    ServiceAccountKeyGenerator.GeneratedKey key =
        state.createServiceAccount(request.projectId(), request.name(), tokenUri.get());
    var account =
        state
            .serviceAccountByEmail(
                request.name() + "@" + request.projectId() + ".iam.gserviceaccount.com")
            .orElseThrow();
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("clientId", account.clientId());
    answer.put("clientEmail", account.clientEmail());
    answer.put("projectId", account.projectId());
    answer.put("keyJson", key.json());
    return created(answer);
  }

  private Reply setDelegation(RoutingContext context, DelegationRequest request) {
    state.setDelegation(
        context.pathParam("customerId"), context.pathParam("clientId"), request.scopes());
    return ok(Map.of("clientId", context.pathParam("clientId"), "scopes", request.scopes()));
  }

  private Reply createUser(RoutingContext context, UserSpec spec) {
    EmulatedUser user = state.createUser(context.pathParam("customerId"), spec);
    return created(DirectoryJson.user(user, state.isSuperAdmin(user), "full"));
  }

  private Reply generateUsers(RoutingContext context, GenerateRequest request) {
    Customer customer = state.requireCustomer(context.pathParam("customerId"));
    int count = request.count() == null ? 0 : request.count();
    if (count < 1 || count > 200_000) {
      throw AdminException.badRequest("count must be between 1 and 200000");
    }
    String domain =
        request.domain() != null ? request.domain() : customer.domains().iterator().next();
    List<UserSpec> specs =
        UserGenerator.generate(
            domain,
            count,
            request.seed() == null ? 1 : request.seed(),
            address -> state.user(address).isPresent());
    int created = Seed.createAll(state, customer.id(), specs);
    return created(Map.of("created", created, "domain", domain));
  }

  private Object user(RoutingContext context) {
    EmulatedUser user = state.requireUser(context.pathParam("userKey"));
    return DirectoryJson.user(user, state.isSuperAdmin(user), "full");
  }

  private Reply updateUser(RoutingContext context, UserSpec patch) {
    EmulatedUser user = state.updateUser(context.pathParam("userKey"), patch);
    return ok(DirectoryJson.user(user, state.isSuperAdmin(user), "full"));
  }

  private Object undeleteUser(RoutingContext context) {
    EmulatedUser user = state.undeleteUser(context.pathParam("userId"));
    return DirectoryJson.user(user, state.isSuperAdmin(user), "full");
  }

  private Object sendAs(RoutingContext context) {
    EmulatedUser user = state.requireUser(context.pathParam("userKey"));
    return Map.of("sendAs", user.sendAsEntries().stream().map(GmailApi::json).toList());
  }

  private Reply addSendAs(RoutingContext context, SendAsRequest request) {
    if (request.sendAsEmail() == null) {
      throw AdminException.badRequest("sendAsEmail is required");
    }
    EmulatedUser user =
        state.addSendAs(context.pathParam("userKey"), List.of(request.sendAsEmail()));
    return created(Map.of("sendAs", user.sendAsEntries().stream().map(GmailApi::json).toList()));
  }

  private Reply createGroup(RoutingContext context, GroupRequest request) {
    var group =
        state.createGroup(
            context.pathParam("customerId"),
            request.email(),
            request.name(),
            request.description());
    return created(DirectoryJson.group(group));
  }

  private Reply addMember(RoutingContext context, MemberRequest request) {
    var member = state.addMember(context.pathParam("groupKey"), request.email(), request.role());
    return created(DirectoryJson.member(member));
  }

  private Reply assignRole(RoutingContext context, RoleAssignmentRequest request) {
    if ((request.userKey() == null) == (request.groupKey() == null)) {
      throw AdminException.badRequest("give exactly one of userKey and groupKey");
    }
    String customerId = context.pathParam("customerId");
    RoleAssignment assignment =
        request.userKey() != null
            ? state.assignRole(customerId, request.userKey(), request.roleName())
            : state.assignRoleToGroup(customerId, request.groupKey(), request.roleName());
    return created(DirectoryJson.roleAssignment(assignment));
  }

  private Reply createRole(RoutingContext context, RoleRequest request) {
    return created(
        DirectoryJson.role(
            state.createRole(
                context.pathParam("customerId"),
                request.roleName(),
                request.description(),
                request.privileges())));
  }

  private Object writeLog(RoutingContext context) {
    long after = longParam(context, "afterSequence", 0);
    int limit = (int) Math.min(longParam(context, "limit", 1000), 100_000);
    return Map.of("total", state.writeCount(), "writes", state.writes(after, limit));
  }

  private Object injectedLatency(RoutingContext context) {
    String after = context.request().getParam("after");
    java.time.Instant since;
    try {
      since = after == null ? java.time.Instant.EPOCH : java.time.Instant.parse(after);
    } catch (java.time.format.DateTimeParseException e) {
      throw AdminException.badRequest(
          "after must be an RFC 3339 instant, e.g. 2026-01-31T12:00:00Z");
    }
    int limit = (int) Math.min(longParam(context, "limit", 10_000), 100_000);
    return Map.of(
        "entries", controls.injectedLatency(since, context.request().getParam("operation"), limit));
  }

  private Reply setQuotas(RoutingContext context, QuotaSettings settings) {
    controls.configureQuotas(settings);
    return ok(settings);
  }

  private Reply setFaults(RoutingContext context, FaultRequests.FaultsRequest request) {
    controls.setFaults(request);
    return ok(request);
  }

  private Reply failNext(RoutingContext context, FaultRequests.NextFailureRequest request) {
    controls.failNext(request);
    return created(request);
  }

  private Reply setWatch(RoutingContext context, WatchSettings settings) {
    controls.configureWatch(settings);
    return ok(settings);
  }

  private Reply missingUsers(RoutingContext context, FaultRequests.MissingUsersRequest request) {
    controls.missingUsers(request);
    return created(request);
  }

  private Reply tokenLifetime(RoutingContext context, TokenLifetimeRequest request) {
    if (request.seconds() < 1 || request.seconds() > 3600) {
      throw AdminException.badRequest("seconds must be between 1 and 3600");
    }
    controls.setTokenLifetime(Duration.ofSeconds(request.seconds()));
    return ok(request);
  }

  private Reply setStanding(RoutingContext context, StandingRequest request) {
    if (request.standing() == null) {
      throw AdminException.badRequest("standing is GOOD, RESTRICTED or DISABLED");
    }
    state.setStanding(context.pathParam("userKey"), request.standing());
    return ok(Map.of("standing", request.standing()));
  }

  private Reply setServiceAccountStanding(
      RoutingContext context, ServiceAccountStandingRequest request) {
    if (request.standing() == null) {
      throw AdminException.badRequest("standing is ACTIVE, DISABLED or DELETED");
    }
    state.setStanding(context.pathParam("clientId"), request.standing());
    return ok(Map.of("standing", request.standing()));
  }

  private Reply limitUser(RoutingContext context, SecondsRequest request) {
    long seconds = requireSeconds(request, 0, 86_400);
    java.time.Instant until = state.clock().instant().plusSeconds(seconds);
    state.limitUser(context.pathParam("userKey"), until);
    return ok(Map.of("until", until.toString()));
  }

  private Object userLimit(RoutingContext context) {
    EmulatedUser user = state.requireUser(context.pathParam("userKey"));
    AccountTroubles.UserLimit limit =
        state
            .troubles()
            .limitOf(user)
            .orElseThrow(() -> AdminException.notFound("no rate limit held for " + user.id()));
    return Map.of("until", limit.until().toString(), "refused", limit.refused());
  }

  private Reply deletedWindow(RoutingContext context, SecondsRequest request) {
    long seconds = requireSeconds(request, 0, 400L * 86_400);
    state.troubles().setDeletedWindow(Duration.ofSeconds(seconds));
    return ok(Map.of("seconds", seconds));
  }

  private Reply clockOffset(RoutingContext context, SecondsRequest request) {
    long seconds = requireSeconds(request, -86_400, 86_400);
    controls.setTokenClockOffset(Duration.ofSeconds(seconds));
    return ok(Map.of("seconds", seconds));
  }

  private static long requireSeconds(SecondsRequest request, long min, long max) {
    if (request.seconds() == null || request.seconds() < min || request.seconds() > max) {
      throw AdminException.badRequest("seconds must be between " + min + " and " + max);
    }
    return request.seconds();
  }

  // ---------------------------------------------------------------- plumbing

  /** An answer with its status. */
  record Reply(int status, Object body) {}

  private static Reply ok(Object body) {
    return new Reply(200, body);
  }

  private static Reply created(Object body) {
    return new Reply(201, body);
  }

  @FunctionalInterface
  interface BodyOperation<T> {
    Reply apply(RoutingContext context, T body);
  }

  @FunctionalInterface
  interface Reading {
    Object apply(RoutingContext context);
  }

  @FunctionalInterface
  interface Action {
    void apply(RoutingContext context);
  }

  private <T> Handler<RoutingContext> json(Class<T> type, BodyOperation<T> operation) {
    return context ->
        answer(
            context,
            () -> {
              T body;
              try {
                byte[] bytes = RequestBodies.of(context).getBytes();
                if (bytes.length == 0) {
                  throw AdminException.badRequest("a JSON body is required");
                }
                body = Json.MAPPER.readValue(bytes, type);
              } catch (UnrecognizedPropertyException e) {
                throw AdminException.badRequest("unknown field '" + e.getPropertyName() + "'");
              } catch (JsonProcessingException e) {
                throw AdminException.badRequest("malformed JSON: " + e.getOriginalMessage());
              } catch (java.io.IOException e) {
                throw AdminException.badRequest("unreadable body");
              }
              if (body == null) {
                throw AdminException.badRequest("a JSON object is required");
              }
              return operation.apply(context, body);
            });
  }

  private Handler<RoutingContext> read(Reading reading) {
    return context -> answer(context, () -> ok(reading.apply(context)));
  }

  private Handler<RoutingContext> empty(Action action) {
    return context ->
        answer(
            context,
            () -> {
              action.apply(context);
              return new Reply(204, null);
            });
  }

  private static void answer(RoutingContext context, java.util.function.Supplier<Reply> work) {
    Reply reply;
    try {
      reply = work.get();
    } catch (AdminException e) {
      reply = error(e.status(), e.getMessage());
    } catch (IllegalArgumentException e) {
      reply = error(400, e.getMessage());
    }
    var response = context.response().setStatusCode(reply.status());
    if (reply.body() == null) {
      response.end();
    } else {
      response
          .putHeader("Content-Type", "application/json; charset=UTF-8")
          .end(Json.buffer(reply.body()));
    }
  }

  static Reply error(int status, String message) {
    return new Reply(status, Map.of("error", Map.of("status", status, "message", message)));
  }

  private static long longParam(RoutingContext context, String name, long fallback) {
    String value = context.request().getParam(name);
    try {
      return value == null ? fallback : Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw AdminException.badRequest(name + " must be a number");
    }
  }

  private static Map<String, Object> customerJson(Customer customer) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("customerId", customer.id());
    json.put("domains", customer.domains());
    json.put("users", customer.usersByEmail().size());
    json.put("delegations", customer.delegations());
    return json;
  }
}
