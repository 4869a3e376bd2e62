package io.signet.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.signet.emulator.state.AccessToken;
import io.signet.emulator.state.Customer;
import io.signet.emulator.state.EmulatedGroup;
import io.signet.emulator.state.EmulatedUser;
import io.signet.emulator.state.Role;
import io.signet.emulator.state.RoleAssignment;
import io.signet.emulator.state.WorkspaceState;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The Admin SDK Directory API operations Signet uses: users, groups, members, roles, role
 * assignments, and users.watch with channels.stop (see {@link WatchChannels}).
 */
final class DirectoryApi {

  private static final String BASE = "/admin/directory/v1";
  private static final String SCOPE = "https://www.googleapis.com/auth/admin.directory.";
  private static final Set<String> USERS = Set.of(SCOPE + "user.readonly", SCOPE + "user");
  private static final Set<String> GROUPS =
      Set.of(SCOPE + "group.readonly", SCOPE + "group", SCOPE + "group.member.readonly");
  private static final Set<String> ROLES =
      Set.of(SCOPE + "rolemanagement.readonly", SCOPE + "rolemanagement");
  private static final String NOT_AUTHORIZED = "Not Authorized to access this resource/api";

  private final WorkspaceState state;
  private final WatchChannels channels;
  private final Faults faults;

  DirectoryApi(WorkspaceState state, WatchChannels channels, Faults faults) {
    this.state = state;
    this.channels = channels;
    this.faults = faults;
  }

  void register(Router router, ApiPipeline pipeline) {
    router
        .get(BASE + "/users")
        .handler(pipeline.handler(Operation.USERS_LIST, USERS, this::listUsers));
    router
        .post(BASE + "/users/watch")
        .handler(pipeline.handler(Operation.USERS_WATCH, USERS, this::watch));
    router
        .get(BASE + "/users/:userKey")
        .handler(pipeline.handler(Operation.USERS_GET, USERS, this::getUser));
    for (String stop : List.of("/admin/directory_v1/channels/stop", BASE + "/channels/stop")) {
      router.post(stop).handler(pipeline.handler(Operation.CHANNELS_STOP, USERS, this::stop));
    }
    router
        .get(BASE + "/groups")
        .handler(pipeline.handler(Operation.GROUPS_LIST, GROUPS, this::listGroups));
    router
        .get(BASE + "/groups/:groupKey/members")
        .handler(pipeline.handler(Operation.MEMBERS_LIST, GROUPS, this::listMembers));
    router
        .get(BASE + "/customer/:customer/roles")
        .handler(pipeline.handler(Operation.ROLES_LIST, ROLES, this::listRoles));
    router
        .get(BASE + "/customer/:customer/roleassignments")
        .handler(
            pipeline.handler(Operation.ROLE_ASSIGNMENTS_LIST, ROLES, this::listRoleAssignments));
  }

  // ---------------------------------------------------------------- users

  private JsonNode listUsers(RoutingContext context, AccessToken token) {
    Customer customer = scope(context, token);
    String domain = lower(context.request().getParam("domain"));
    int maxResults = maxResults(context, 100, 500);
    String projection = projection(context);
    String orderBy = context.request().getParam("orderBy", "email");
    boolean descending = "DESCENDING".equalsIgnoreCase(context.request().getParam("sortOrder"));
    if (context.request().getParam("query") != null) {
      throw ApiException.invalid("Invalid Input: query (not supported by the emulator)");
    }
    String pageToken = context.request().getParam("pageToken");
    ArrayNode users = JsonNodeFactory.instance.arrayNode();
    String next;
    if ("email".equals(orderBy) && !descending) {
      next = pageByEmail(customer, domain, maxResults, pageToken, projection, users);
    } else {
      Comparator<EmulatedUser> order = comparator(orderBy);
      List<EmulatedUser> all =
          customer.usersByEmail().values().stream()
              .filter(user -> domain == null || user.primaryEmail().endsWith("@" + domain))
              .sorted(descending ? order.reversed() : order)
              .toList();
      int from = pageToken == null ? 0 : offset(pageToken);
      int to = Math.min(all.size(), from + maxResults);
      all.subList(Math.min(from, to), to).forEach(user -> users.add(userJson(user, projection)));
      next = to < all.size() ? token("o:" + to) : null;
    }
    if (faults.dropUsersOfThisPage()) {
      // 200, the next page's token kept, the users of this one lost (an empty list is omitted)
      users.removeAll();
    }
    return DirectoryJson.list("admin#directory#users", "users", users, next);
  }

  /** Pages in the customer's email index from the last email of the previous page. */
  private String pageByEmail(
      Customer customer,
      String domain,
      int maxResults,
      String pageToken,
      String projection,
      ArrayNode users) {
    var remaining =
        pageToken == null
            ? customer.usersByEmail()
            : customer.usersByEmail().tailMap(emailAfter(pageToken), false);
    Iterator<EmulatedUser> it = remaining.values().iterator();
    String last = null;
    while (it.hasNext() && users.size() < maxResults) {
      EmulatedUser user = it.next();
      if (domain == null || user.primaryEmail().endsWith("@" + domain)) {
        users.add(userJson(user, projection));
        last = user.primaryEmail();
      }
    }
    boolean more = false;
    while (it.hasNext() && !more) {
      EmulatedUser user = it.next();
      more = domain == null || user.primaryEmail().endsWith("@" + domain);
    }
    return more ? token("e:" + last) : null;
  }

  private JsonNode getUser(RoutingContext context, AccessToken token) {
    EmulatedUser admin = directoryAdmin(token);
    EmulatedUser user =
        state
            .user(context.pathParam("userKey"))
            .orElseThrow(() -> ApiException.notFound("userKey"));
    if (!user.customerId().equals(admin.customerId())) {
      throw new ApiException(403, "forbidden", NOT_AUTHORIZED);
    }
    return userJson(user, projection(context));
  }

  private JsonNode watch(RoutingContext context, AccessToken token) {
    Customer customer = scope(context, token);
    String domain = lower(context.request().getParam("domain"));
    String event = context.request().getParam("event");
    JsonNode body = jsonBody(context);
    return channels.open(customer, domain, event, body, context.request().absoluteURI());
  }

  private JsonNode stop(RoutingContext context, AccessToken token) {
    directoryAdmin(token);
    JsonNode body = jsonBody(context);
    channels.stop(body.path("id").asText(null), body.path("resourceId").asText(null));
    return null;
  }

  // ---------------------------------------------------------------- groups

  private JsonNode listGroups(RoutingContext context, AccessToken token) {
    String userKey = context.request().getParam("userKey");
    List<EmulatedGroup> groups;
    if (userKey != null) {
      directoryAdmin(token);
      EmulatedUser member = state.user(userKey).orElseThrow(() -> ApiException.notFound("userKey"));
      groups = state.directGroupsOf(member);
    } else {
      Customer customer = scope(context, token);
      String domain = lower(context.request().getParam("domain"));
      groups =
          customer.groupsByEmail().values().stream()
              .filter(group -> domain == null || group.email().endsWith("@" + domain))
              .toList();
    }
    return page(context, groups, 200, DirectoryJson::group, "admin#directory#groups", "groups");
  }

  private JsonNode listMembers(RoutingContext context, AccessToken token) {
    directoryAdmin(token);
    EmulatedGroup group =
        state
            .group(context.pathParam("groupKey"))
            .orElseThrow(() -> ApiException.notFound("groupKey"));
    List<EmulatedGroup.Member> members =
        (Boolean.parseBoolean(context.request().getParam("includeDerivedMembership"))
                ? derivedMembers(group)
                : group.members())
            .stream().flatMap(member -> current(member).stream()).toList();
    return page(context, members, 200, DirectoryJson::member, "admin#directory#members", "members");
  }

  /**
   * A member as Google lists it now: a user under its current primary address (a renamed user's
   * membership follows the user), and a deleted user no longer at all (deleting a user removes its
   * memberships).
   */
  private java.util.Optional<EmulatedGroup.Member> current(EmulatedGroup.Member member) {
    if (!"USER".equals(member.type())) {
      return java.util.Optional.of(member);
    }
    return state
        .user(member.id())
        .map(
            user ->
                new EmulatedGroup.Member(
                    member.id(), user.primaryEmail(), member.type(), member.role()));
  }

  private List<EmulatedGroup.Member> derivedMembers(EmulatedGroup group) {
    List<EmulatedGroup.Member> result = new ArrayList<>();
    List<EmulatedGroup> pending = new ArrayList<>(List.of(group));
    Set<String> seen = new java.util.HashSet<>();
    while (!pending.isEmpty()) {
      EmulatedGroup current = pending.remove(0);
      for (EmulatedGroup.Member member : current.members()) {
        if (!seen.add(member.email())) {
          continue;
        }
        result.add(member);
        if ("GROUP".equals(member.type())) {
          state.group(member.id()).ifPresent(pending::add);
        }
      }
    }
    return result;
  }

  // ---------------------------------------------------------------- roles

  private JsonNode listRoles(RoutingContext context, AccessToken token) {
    Customer customer = customerOfPath(context, token);
    // Google documents no order: custom roles come first, so a reader of the first page only
    // misses the system roles Signet looks for.
    List<Role> roles =
        customer.roles().stream().sorted(Comparator.comparing(Role::isSystemRole)).toList();
    return page(context, roles, 100, DirectoryJson::role, "admin#directory#roles", "items");
  }

  private JsonNode listRoleAssignments(RoutingContext context, AccessToken token) {
    Customer customer = customerOfPath(context, token);
    String userKey = context.request().getParam("userKey");
    String roleId = context.request().getParam("roleId");
    boolean indirect = booleanParam(context, "includeIndirectRoleAssignments");
    List<RoleAssignment> assignments;
    if (userKey == null) {
      // "You must specify userKey or the indirect role assignments will not be included": the
      // flag alone changes nothing, and every assignment of the customer is listed as it is.
      assignments = customer.roleAssignments();
    } else {
      EmulatedUser user = state.user(userKey).orElse(null);
      if (user != null && user.customerId().equals(customer.id())) {
        assignments = state.roleAssignmentsOf(user, indirect);
      } else {
        EmulatedGroup group =
            state
                .group(userKey)
                .filter(g -> customer.groupsByEmail().containsKey(g.email()))
                .orElseThrow(() -> ApiException.notFound("userKey"));
        assignments =
            customer.roleAssignments().stream()
                .filter(a -> a.assignedTo().equals(group.id()))
                .toList();
      }
    }
    List<RoleAssignment> listed =
        assignments.stream().filter(a -> roleId == null || a.roleId().equals(roleId)).toList();
    return page(
        context,
        listed,
        200,
        DirectoryJson::roleAssignment,
        "admin#directory#roleAssignments",
        "items");
  }

  private static boolean booleanParam(RoutingContext context, String name) {
    String value = context.request().getParam(name);
    if (value == null || value.equals("false")) {
      return false;
    }
    if (value.equals("true")) {
      return true;
    }
    throw ApiException.invalid("Invalid value for: " + name);
  }

  // ---------------------------------------------------------------- shared rules

  /** The caller must be an admin of a customer: Google refuses everyone else. */
  private EmulatedUser directoryAdmin(AccessToken token) {
    EmulatedUser admin =
        token.subjectUserId() == null ? null : state.user(token.subjectUserId()).orElse(null);
    // A suspended admin's reads are allowed (Google's behaviour is unconfirmed): the
    // requirements verification can then see and name the suspension.
    if (admin == null || !state.isAnyAdmin(admin)) {
      throw new ApiException(403, "forbidden", NOT_AUTHORIZED);
    }
    return admin;
  }

  /** {@code customer} or {@code domain}, exactly one, and only the admin's own. */
  private Customer scope(RoutingContext context, AccessToken token) {
    EmulatedUser admin = directoryAdmin(token);
    String customerParam = context.request().getParam("customer");
    String domain = lower(context.request().getParam("domain"));
    if ((customerParam == null) == (domain == null)) {
      throw ApiException.invalid("Bad Request");
    }
    Customer own = state.requireCustomer(admin.customerId());
    boolean allowed =
        customerParam != null
            ? customerParam.equals("my_customer") || customerParam.equals(own.id())
            : own.domains().contains(domain);
    if (!allowed) {
      throw new ApiException(403, "forbidden", NOT_AUTHORIZED);
    }
    return own;
  }

  private Customer customerOfPath(RoutingContext context, AccessToken token) {
    EmulatedUser admin = directoryAdmin(token);
    String customer = context.pathParam("customer");
    if (!customer.equals("my_customer") && !customer.equals(admin.customerId())) {
      throw new ApiException(403, "forbidden", NOT_AUTHORIZED);
    }
    return state.requireCustomer(admin.customerId());
  }

  private JsonNode userJson(EmulatedUser user, String projection) {
    return DirectoryJson.user(user, state.isSuperAdmin(user), projection);
  }

  private static <T> JsonNode page(
      RoutingContext context,
      List<T> all,
      int limit,
      Function<T, JsonNode> json,
      String kind,
      String field) {
    int maxResults = maxResults(context, limit, limit);
    String pageToken = context.request().getParam("pageToken");
    int from = pageToken == null ? 0 : offset(pageToken);
    int to = Math.min(all.size(), from + maxResults);
    ArrayNode items = JsonNodeFactory.instance.arrayNode();
    all.subList(Math.min(from, to), to).forEach(item -> items.add(json.apply(item)));
    return DirectoryJson.list(kind, field, items, to < all.size() ? token("o:" + to) : null);
  }

  private static int maxResults(RoutingContext context, int fallback, int limit) {
    String value = context.request().getParam("maxResults");
    if (value == null) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed >= 1 && parsed <= limit) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.invalid(
        "Invalid value '" + value + "'. Values must be within the range: [1, " + limit + "]");
  }

  private static String projection(RoutingContext context) {
    String projection = context.request().getParam("projection", "basic").toLowerCase(Locale.ROOT);
    if (!Set.of("basic", "custom", "full").contains(projection)) {
      throw ApiException.invalid("Invalid value for: projection");
    }
    return projection;
  }

  private static Comparator<EmulatedUser> comparator(String orderBy) {
    Map<String, Comparator<EmulatedUser>> orders =
        Map.of(
            "email", Comparator.comparing(EmulatedUser::primaryEmail),
            "givenName",
                Comparator.comparing((EmulatedUser u) -> String.valueOf(u.givenName()))
                    .thenComparing(EmulatedUser::primaryEmail),
            "familyName",
                Comparator.comparing((EmulatedUser u) -> String.valueOf(u.familyName()))
                    .thenComparing(EmulatedUser::primaryEmail));
    Comparator<EmulatedUser> order = orders.get(orderBy);
    if (order == null) {
      throw ApiException.invalid("Invalid value for: orderBy");
    }
    return order;
  }

  private static JsonNode jsonBody(RoutingContext context) {
    try {
      JsonNode body = Json.MAPPER.readTree(RequestBodies.of(context).getBytes());
      if (body != null && body.isObject()) {
        return body;
      }
    } catch (Exception e) {
      // answered below
    }
    throw new ApiException(400, "parseError", "Invalid JSON payload received.");
  }

  private static String token(String value) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String pageToken) {
    try {
      return new String(Base64.getUrlDecoder().decode(pageToken), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("Invalid Input: pageToken");
    }
  }

  private static String emailAfter(String pageToken) {
    String decoded = decode(pageToken);
    if (!decoded.startsWith("e:")) {
      throw ApiException.invalid("Invalid Input: pageToken");
    }
    return decoded.substring(2);
  }

  private static int offset(String pageToken) {
    String decoded = decode(pageToken);
    try {
      if (decoded.startsWith("o:")) {
        return Integer.parseInt(decoded.substring(2));
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.invalid("Invalid Input: pageToken");
  }

  private static String lower(String value) {
    return value == null ? null : value.toLowerCase(Locale.ROOT);
  }
}
