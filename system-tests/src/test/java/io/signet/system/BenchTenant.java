package io.signet.system;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A benchmark tenant: an emulated Workspace of its own (its own Cloud project, so its own Gmail
 * quota) onboarded through Signet's public APIs only, as an operator and a tenant admin would.
 */
final class BenchTenant {

  /** A user whose addresses Signet pushes to. */
  record User(String id, String email) {}

  final String domain;
  final int users;
  final List<User> pushable = new ArrayList<>();
  private final StackApis apis;
  private final BenchHttp http;
  private final LocalStackRun stack;
  private final String customerId;
  private final JsonNode serviceAccountKey;
  private long eligibleAddresses;
  private volatile String tenantId;
  private volatile String apiKey;
  private volatile String token;
  private volatile Instant tokenAt = Instant.EPOCH;

  private BenchTenant(
      StackApis apis,
      BenchHttp http,
      LocalStackRun stack,
      String domain,
      int users,
      String customerId,
      JsonNode serviceAccountKey) {
    this.apis = apis;
    this.http = http;
    this.stack = stack;
    this.domain = domain;
    this.users = users;
    this.customerId = customerId;
    this.serviceAccountKey = serviceAccountKey;
  }

  /** A Workspace of {@code users} users (an admin and generated ones) with the grant in place. */
  static BenchTenant seed(
      StackApis apis, BenchHttp http, LocalStackRun stack, String name, int users) {
    String domain = name + ".test";
    String admin = "admin@" + domain;
    Map<String, Object> customer =
        Map.of(
            "domains",
            List.of(domain),
            "delegations",
            List.of(
                Map.of(
                    "serviceAccount",
                    "signet-connector@" + name + "-project.iam.gserviceaccount.com",
                    "scopes",
                    StackApis.SCOPES)),
            "users",
            List.of(Map.of("primaryEmail", admin, "givenName", "Ada", "familyName", "Admin")),
            "generate",
            Map.of("count", users - 1, "seed", 42),
            "roleAssignments",
            List.of(
                Map.of("userKey", admin, "roleName", "_SEED_ADMIN_ROLE"),
                Map.of("userKey", admin, "roleName", "_GROUPS_ADMIN_ROLE"),
                Map.of("userKey", admin, "roleName", "_USER_MANAGEMENT_ADMIN_ROLE"),
                Map.of("userKey", admin, "roleName", "_SERVICES_ADMIN_ROLE")));
    String seeded =
        apis.emulator()
            .body(
                Map.of(
                    "serviceAccounts",
                    List.of(Map.of("projectId", name + "-project", "name", "signet-connector")),
                    "customers",
                    List.of(customer)))
            .post("/emulator/v1/seed")
            .then()
            .statusCode(201)
            .extract()
            .asString();
    try {
      JsonNode result = BenchHttp.JSON.readTree(seeded);
      BenchTenant tenant =
          new BenchTenant(
              apis,
              http,
              stack,
              domain,
              users,
              result.at("/customers/0/customerId").asText(),
              BenchHttp.JSON.readTree(result.at("/serviceAccounts/0/keyJson").asText()));
      tenant.readUsers();
      return tenant;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void readUsers() {
    JsonNode all =
        http.get(
                stack.url(LocalStackRun.EMULATOR)
                    + "/emulator/v1/customers/"
                    + customerId
                    + "/users")
            .get("users");
    for (JsonNode user : all) {
      if (!user.get("suspended").asBoolean()
          && !user.get("archived").asBoolean()
          && user.get("gmailEnabled").asBoolean()) {
        eligibleAddresses += user.get("sendAs").size();
        pushable.add(new User(user.get("id").asText(), user.get("primaryEmail").asText()));
      }
    }
    java.util.Collections.shuffle(pushable, new java.util.Random(7));
  }

  /**
   * The tenant created by the operator, its own service account delegated and verified, a template
   * and a rule for everyone installed: from here on Signet syncs, renders and pushes by itself.
   */
  void onboard(String template) {
    JsonNode created =
        json(
            apis.tenantService(apis.operatorToken())
                .body(
                    Map.of(
                        "displayName",
                        "Bench " + domain,
                        "primaryDomain",
                        domain,
                        "adminEmail",
                        "admin@" + domain))
                .post("/api/v1/tenants")
                .then()
                .statusCode(201)
                .extract()
                .asString());
    apiKey = created.get("apiKey").asText();
    String id = created.at("/tenant/id").asText();
    String token = token();
    String base = "/api/v1/tenants/" + id;
    apis.tenantService(token)
        .body(Map.of("mode", "OWN", "serviceAccountKey", serviceAccountKey))
        .put(base + "/delegation")
        .then()
        .statusCode(200);
    JsonNode report =
        json(apis.tenantService(token).post(base + "/verifications").then().extract().asString());
    if (!report.path("passed").asBoolean()) {
      throw new AssertionError(
          "the benchmark tenant " + domain + " did not pass verification: " + report);
    }
    String templateId =
        apis.render(token)
            .body(Map.of("name", "Default", "source", template))
            .post(base + "/templates")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    apis.render(token)
        .body(
            List.of(
                Map.of(
                    "audience",
                    Map.of("kind", "EVERYONE"),
                    "templateId",
                    templateId,
                    "includeAliases",
                    true)))
        .put(base + "/rules")
        .then()
        .statusCode(200);
    tenantId = id;
  }

  boolean ready() {
    return tenantId != null;
  }

  long eligibleAddresses() {
    return eligibleAddresses;
  }

  /** push-service's count of the tenant's addresses in each state. */
  Map<String, Long> pushCounts() {
    JsonNode counts =
        http.get(stack.url(LocalStackRun.PUSH) + "/api/v1/tenants/" + tenantId + "/push", token())
            .get("counts");
    Map<String, Long> result = new TreeMap<>();
    counts.fields().forEachRemaining(e -> result.put(e.getKey(), e.getValue().asLong()));
    return result;
  }

  String admin() {
    return "admin@" + domain;
  }

  /** When push-service received the current content of the user's primary address. */
  Instant arrivedAtPush(User user) {
    JsonNode status =
        http.get(
            stack.url(LocalStackRun.PUSH)
                + "/api/v1/tenants/"
                + tenantId
                + "/push/users/"
                + user.id(),
            token());
    for (JsonNode target : status.get("targets")) {
      if (target.get("sendAsEmail").asText().equalsIgnoreCase(user.email())) {
        return Instant.parse(target.get("desiredAt").asText());
      }
    }
    throw new AssertionError("push-service has no target for " + user.email() + ": " + status);
  }

  /** The tenant admin's access token, taken again every five minutes. */
  private String token() {
    if (Duration.between(tokenAt, Instant.now()).toMinutes() >= 5) {
      token = apis.token(apiKey);
      tokenAt = Instant.now();
    }
    return token;
  }

  void awaitWatchChannel() {
    Instant deadline = Instant.now().plusSeconds(60);
    while (!http.get(
            stack.url(LocalStackRun.DIRECTORY) + "/api/v1/tenants/" + tenantId + "/directory/watch",
            token())
        .path("open")
        .asBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("no watch channel for " + domain);
      }
      BenchHttp.sleep(250);
    }
  }

  void changeTitle(User user, String title) {
    apis.emulator()
        .body(Map.of("title", title))
        .patch("/emulator/v1/users/" + user.email())
        .then()
        .statusCode(200);
  }

  String signature(String address) {
    return apis.signature(address);
  }

  /** A full sync started through the API, once it has ended. */
  JsonNode syncAndWait(Duration timeout) {
    String token = token();
    String run =
        apis.directory(token)
            .post("/api/v1/tenants/" + tenantId + "/directory/syncs")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      JsonNode state =
          http.get(
              stack.url(LocalStackRun.DIRECTORY)
                  + "/api/v1/tenants/"
                  + tenantId
                  + "/directory/syncs/"
                  + run,
              token);
      String name = state.get("state").asText();
      if (!name.equals("QUEUED") && !name.equals("RUNNING")) {
        if (!name.equals("SUCCEEDED")) {
          throw new AssertionError("the re-sync ended " + state);
        }
        return state;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("the re-sync did not end within " + timeout);
      }
      BenchHttp.sleep(500);
    }
  }

  private static JsonNode json(String body) {
    try {
      return BenchHttp.JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
