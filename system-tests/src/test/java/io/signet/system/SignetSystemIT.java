package io.signet.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole system as a user gets it: {@code ./signet up} from a clean folder (PostgreSQL, the
 * Kafka broker, the emulator and the four packaged services as processes), then a tenant's whole
 * story through the public APIs only, then {@code ./signet down}, which must stop every process.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignetSystemIT {

  private static final String DEMO = "C0demo01";
  private static final String DOMAIN = "story.test";
  private static final String ADMIN = "admin@story.test";
  private static final String SALES_ONE = "sales.one@story.test";
  private static final String SALES_TWO = "sales.two@story.test";
  private static final String ENG_ONE = "eng.one@story.test";
  private static final String ENG_ALIAS = "engineering@story.test";
  private static final String ENG_RECEIVES_ONLY = "erin@story.test";
  private static final String ENG_TWO = "eng.two@story.test";
  private static final String AWAY = "away@story.test";
  private static final String PAT = "pat@story.test";
  // leads@ holds platform@, which holds ENG_TWO: Google lists only direct memberships
  private static final String LEADS = "leads@story.test";
  private static final String PLATFORM = "platform@story.test";
  // group changes are reconciled every 10 s in this stack (default 4 min): users.watch is silent
  private static final Duration GROUP_INTERVAL = Duration.ofSeconds(10);
  private static final List<String> SCOPES = StackApis.SCOPES;

  private static final Path RULES_DIR = Path.of("..", "deploy", "prometheus", "rules");
  private static final Path DASHBOARDS = Path.of("..", "deploy", "grafana", "dashboards");

  private final LocalStackRun stack =
      new LocalStackRun(
          Map.of(
              "SIGNET_DIRECTORY_GROUPS_RECONCILE_INTERVAL",
              "PT" + GROUP_INTERVAL.toSeconds() + "S",
              "SIGNET_DIRECTORY_GROUPS_RECONCILE_CHECK",
              "2s"));
  private final StackApis apis = new StackApis(stack);
  private LocalStackRun.Result up;
  private PrometheusRun prometheus;

  @BeforeAll
  void up() {
    up = stack.run(Duration.ofMinutes(10), "up");
    System.out.println(up.output());
  }

  @AfterAll
  void down() {
    if (prometheus != null) {
      prometheus.close();
    }
    List<Long> pids = stack.pids();
    LocalStackRun.Result down = stack.run(Duration.ofMinutes(2), "down");
    System.out.println(down.output());
    try {
      assertThat(down.exitCode()).isZero();
      assertThat(pids).isNotEmpty();
      assertThat(pids)
          .noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
      assertThat(stack.anyPortAnswers()).as("a port of the stack still answers").isFalse();
    } finally {
      stack.run(Duration.ofMinutes(2), "reset");
    }
  }

  @Test
  @Order(1)
  void theFirstRunEndsWithEveryEligibleDemoSignatureInGmail() {
    assertThat(up.exitCode()).as(up.output()).isZero();
    assertThat(up.output())
        .contains("verification against Google:")
        .contains("    PASS    Domain-wide delegation grants every scope Signet needs")
        .containsPattern("\\d+/\\d+ eligible users' signatures in Gmail \\(\\d+ s\\)")
        .contains("every eligible signature applied")
        .contains("a title change reached Gmail in")
        .contains("/q/swagger-ui")
        .contains("/q/metrics");
    System.out.printf("first run of ./signet up: %d s%n", up.took().toSeconds());
    if (PrometheusRun.binary("prometheus").isPresent()) {
      // the stack runs its own Prometheus with the alert rules, and says how to get the dashboards
      assertThat(up.output())
          .contains(stack.url(LocalStackRun.PROMETHEUS) + " (Signet's alert rules loaded")
          .contains("deploy/grafana/dashboards/signet-overview.json");
      assertThat(
              io.restassured.RestAssured.given()
                  .baseUri(stack.url(LocalStackRun.PROMETHEUS))
                  .get("/api/v1/rules")
                  .then()
                  .statusCode(200)
                  .extract()
                  .<List<String>>path("data.groups.rules.flatten().name"))
          .contains("SignetServiceDown");
    }

    List<Map<String, Object>> users = apis.users(DEMO);
    assertThat(users).hasSizeGreaterThan(250);
    List<Map<String, Object>> eligible = users.stream().filter(SignetSystemIT::eligible).toList();
    assertThat(eligible).allMatch(SignetSystemIT::signedEverywhere);
    assertThat(users.stream().filter(u -> (Boolean) u.get("suspended")))
        .isNotEmpty()
        .noneMatch(SignetSystemIT::signedAnywhere);

    LocalStackRun.Result status = stack.run(Duration.ofMinutes(1), "status");
    assertThat(status.exitCode()).as(status.output()).isZero();
    assertThat(status.output()).contains("push-service").contains("up (pid");
    LocalStackRun.Result logs = stack.run(Duration.ofMinutes(1), "logs", "push-service");
    assertThat(logs.exitCode()).as(logs.output()).isZero();
    assertThat(logs.output()).contains("Listening on");
  }

  /**
   * The alert rules pass {@code promtool check rules} and their unit tests, and the real Prometheus
   * loads them and scrapes every service of the running stack.
   */
  @Test
  @Order(2)
  void alertRulesPassPromtoolAndPrometheusScrapesEveryService() {
    assumePrometheus();
    LocalStackRun.Result check =
        PrometheusRun.promtool(RULES_DIR, "check", "rules", "signet.rules.yml");
    assertThat(check.exitCode()).as(check.output()).isZero();
    assertThat(check.output()).contains("SUCCESS: 11 rules found");
    LocalStackRun.Result unit =
        PrometheusRun.promtool(RULES_DIR, "test", "rules", "signet.rules.test.yml");
    assertThat(unit.exitCode()).as(unit.output()).isZero();

    prometheus = PrometheusRun.start(stack, RULES_DIR.resolve("signet.rules.yml"));
    assertThat(prometheus.alertRules())
        .containsExactlyInAnyOrder(
            "SignetServiceDown",
            "SignetQuotaSaturated",
            "SignetQuotaErrors",
            "SignetPushFailuresRising",
            "SignetOldestPendingTooOld",
            "SignetConsumerLagGrowing",
            "SignetSyncFailing",
            "SignetSyncHeld",
            "SignetGroupReconciliationFailing",
            "SignetTokenClockSkew",
            "SignetDeadLetters");
    await().atMost(Duration.ofSeconds(30)).until(() -> prometheus.query("up == 1").size() == 4);
  }

  @Test
  @Order(3)
  void aTenantsWholeStory() {
    String operator = apis.operatorToken();

    // Google: a Workspace whose admin granted all but one scope
    String customerId =
        apis.emulator()
            .body(Map.of("domains", List.of(DOMAIN)))
            .post("/emulator/v1/customers")
            .then()
            .statusCode(201)
            .extract()
            .path("customerId");
    JsonPath account =
        apis.emulator()
            .body(
                Map.of(
                    "projectId",
                    "story-" + UUID.randomUUID().toString().substring(0, 8),
                    "name",
                    "story-connector"))
            .post("/emulator/v1/service-accounts")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    String clientId = account.getString("clientId");
    grant(customerId, clientId, SCOPES.subList(0, 3));
    createUsers(customerId);

    // onboarding: the verification names the missing scope; granted, it passes
    var created =
        apis.tenantService(operator)
            .body(Map.of("displayName", "Story Ltd", "primaryDomain", DOMAIN, "adminEmail", ADMIN))
            .post("/api/v1/tenants")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    String tenantId = created.getString("tenant.id");
    String tenant = apis.token(created.getString("apiKey"));
    apis.tenantService(tenant)
        .body(
            Map.of(
                "mode",
                "OWN",
                "serviceAccountKey",
                JsonPath.from(account.getString("keyJson")).getMap("")))
        .put("/api/v1/tenants/" + tenantId + "/delegation")
        .then()
        .statusCode(200);
    JsonPath failed = verify(tenant, tenantId);
    assertThat(failed.getBoolean("passed")).isFalse();
    Map<String, Object> delegation = item(failed, "DELEGATION");
    assertThat(delegation.get("status")).isEqualTo("FAIL");
    assertThat((String) delegation.get("remediation"))
        .contains("admin.directory.rolemanagement.readonly")
        .contains(clientId);
    assertThat(tenantStatus(tenant, tenantId)).isEqualTo("PENDING");

    grant(customerId, clientId, SCOPES);
    assertThat(verify(tenant, tenantId).getBoolean("passed")).isTrue();
    assertThat(tenantStatus(tenant, tenantId)).isEqualTo("ACTIVE");

    // templates and rules: Sales has its own, everyone else the default, aliases included
    String render = "/api/v1/tenants/" + tenantId;
    String sales = template(tenant, render, "Sales", salesTemplate("v1"));
    String leads =
        template(
            tenant,
            render,
            "Leads",
            "<b>{user.fullName}</b> | Leads{#if user.title} | {user.title}{/if}"
                + "{#if campaign}<br>{campaign.banner}{/if}");
    String standard =
        template(
            tenant,
            render,
            "Default",
            "<b>{user.fullName}</b>{#if user.title}<br>{user.title}{/if}"
                + "{#if campaign}<br>{campaign.banner}{/if}");
    apis.render(tenant)
        .body(
            List.of(
                Map.of(
                    "audience", Map.of("kind", "ORG_UNIT", "value", "/Sales"), "templateId", sales),
                Map.of("audience", Map.of("kind", "GROUP", "value", LEADS), "templateId", leads),
                Map.of(
                    "audience",
                    Map.of("kind", "EVERYONE"),
                    "templateId",
                    standard,
                    "includeAliases",
                    true)))
        .put(render + "/rules")
        .then()
        .statusCode(200);

    // sync, render, push: every eligible address holds its signature; the suspended user nothing
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                apis.users(customerId).stream()
                    .filter(SignetSystemIT::eligible)
                    .allMatch(SignetSystemIT::signedEverywhere));
    assertThat(apis.signature(SALES_ONE)).contains("Sales v1").contains("Account Executive");
    assertThat(apis.signature(SALES_TWO)).contains("Sales v1");
    assertThat(apis.signature(ENG_ONE)).doesNotContain("Sales").contains("Platform Engineer");
    assertThat(apis.signature(ENG_ALIAS)).contains("Platform Engineer");
    assertThat(apis.signature(ENG_TWO)).contains("dir=\"rtl\"").contains("Leads");
    assertThat(apis.signature(PAT)).doesNotContain("Leads");
    assertThat(apis.signature(AWAY)).isEmpty();
    // Erin's alias that only receives mail is no sendAs in Gmail: never written, and her status
    // names it
    Object erin =
        apis.users(customerId).stream()
            .filter(user -> ENG_ONE.equals(user.get("primaryEmail")))
            .findFirst()
            .orElseThrow()
            .get("id");
    assertThat(
            apis.push(tenant)
                .get("/api/v1/tenants/" + tenantId + "/push/users/" + erin)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("aliasesWithoutSendAs", String.class))
        .containsExactly(ENG_RECEIVES_ONLY);
    assertThat(apis.writesAfter(0)).doesNotContain(ENG_RECEIVES_ONLY);

    // a title changed in the directory is in Gmail within 5 s, through the watch notification
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                apis.directory(tenant)
                    .get("/api/v1/tenants/" + tenantId + "/directory/watch")
                    .then()
                    .statusCode(200)
                    .extract()
                    .<Boolean>path("open"));
    Instant changed = Instant.now();
    patchUser(SALES_ONE, Map.of("title", "Regional Director"));
    await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> apis.signature(SALES_ONE).contains("Regional Director"));
    Duration latency = Duration.between(changed, Instant.now());
    System.out.printf("directory change to Gmail: %d ms%n", latency.toMillis());
    assertThat(latency).as("from the directory change to Gmail").isLessThan(Duration.ofSeconds(5));

    nestedGroupsAsGoogleListsThem(tenant, tenantId);

    // a template edit re-pushes exactly the users it applies to, once each
    long beforeEdit = apis.writeMark();
    apis.render(tenant)
        .body(Map.of("source", salesTemplate("v2")))
        .put(render + "/templates/" + sales)
        .then()
        .statusCode(200);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                apis.signature(SALES_ONE).contains("Sales v2")
                    && apis.signature(SALES_TWO).contains("Sales v2"));
    quietFor(Duration.ofSeconds(3));
    assertThat(storyWritesAfter(beforeEdit)).containsExactlyInAnyOrder(SALES_ONE, SALES_TWO);

    // a user suspended now gets nothing more
    patchUser(SALES_TWO, Map.of("suspended", true));
    quietFor(Duration.ofSeconds(3));
    long beforeCampaign = apis.writeMark();

    // a campaign banner appears at its start and disappears at its end
    Instant start = Instant.now().plusSeconds(6);
    Instant end = start.plusSeconds(8);
    apis.render(tenant)
        .body(
            Map.of(
                "name",
                "Winter sale",
                "bannerHtml",
                "<b>Winter sale</b>",
                "start",
                start.toString(),
                "end",
                end.toString(),
                "audience",
                Map.of("kind", "EVERYONE")))
        .post(render + "/campaigns")
        .then()
        .statusCode(201);
    Instant appeared =
        awaitSignature(ENG_ONE, s -> s.contains("Winter sale"), start.plusSeconds(10));
    Instant disappeared =
        awaitSignature(ENG_ONE, s -> !s.contains("Winter sale"), end.plusSeconds(10));
    System.out.printf(
        "campaign banner: in Gmail %d ms after its start, gone %d ms after its end%n",
        Duration.between(start, appeared).toMillis(),
        Duration.between(end, disappeared).toMillis());
    assertThat(appeared).isAfterOrEqualTo(start);
    assertThat(disappeared).isAfterOrEqualTo(end);
    quietFor(Duration.ofSeconds(3));
    List<String> campaignWrites = storyWritesAfter(beforeCampaign);
    assertThat(campaignWrites).doesNotContain(SALES_TWO, AWAY).contains(SALES_ONE, ENG_ONE);
    // on and off: two writes per address of the active users
    assertThat(campaignWrites.stream().filter(ENG_ONE::equals)).hasSize(2);
    assertThat(apis.writesAfter(0)).doesNotContain(AWAY);

    // deleting the tenant stops everything for it
    apis.tenantService(operator).delete("/api/v1/tenants/" + tenantId).then().statusCode(204);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                apis.push(operator)
                        .get("/api/v1/tenants/" + tenantId + "/push")
                        .then()
                        .statusCode(200)
                        .extract()
                        .<String>path("tenantStatus")
                    == null);
    long afterDelete = apis.writeMark();
    patchUser(ENG_ONE, Map.of("title", "Left the building"));
    quietFor(Duration.ofSeconds(5));
    assertThat(storyWritesAfter(afterDelete)).isEmpty();
    assertThat(apis.signature(ENG_ONE)).doesNotContain("Left the building");
  }

  /**
   * A member of a nested group keeps the parent group's signature through a notification and a full
   * sync (no flip, no extra write); joining and leaving a group reach Gmail within the interval.
   */
  private void nestedGroupsAsGoogleListsThem(String tenant, String tenantId) {
    long mark = apis.writeMark();
    patchUser(ENG_TWO, Map.of("title", "Staff Engineer"));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> apis.signature(ENG_TWO).contains("Staff Engineer"));
    assertThat(apis.signature(ENG_TWO)).as("after the notification").contains("Leads");
    assertThat(apis.syncAndWait(tenant, tenantId, Duration.ofSeconds(60)).getString("state"))
        .isEqualTo("SUCCEEDED");
    quietFor(Duration.ofSeconds(3));
    assertThat(apis.signature(ENG_TWO)).as("after the full sync").contains("Leads");
    assertThat(storyWritesAfter(mark)).as("one write: the title").containsExactly(ENG_TWO);

    Instant joined = Instant.now();
    apis.emulator()
        .body(Map.of("email", PAT))
        .post("/emulator/v1/groups/" + PLATFORM + "/members")
        .then()
        .statusCode(201);
    Instant joinedInGmail =
        awaitSignature(PAT, s -> s.contains("Leads"), joined.plus(GROUP_INTERVAL).plusSeconds(20));
    Instant left = Instant.now();
    apis.emulator()
        .delete("/emulator/v1/groups/" + PLATFORM + "/members/" + PAT)
        .then()
        .statusCode(204);
    Instant leftInGmail =
        awaitSignature(PAT, s -> !s.contains("Leads"), left.plus(GROUP_INTERVAL).plusSeconds(20));
    System.out.printf(
        "group membership to Gmail (reconciled every %d s): joined %d ms, left %d ms%n",
        GROUP_INTERVAL.toSeconds(),
        Duration.between(joined, joinedInGmail).toMillis(),
        Duration.between(left, leftInGmail).toMillis());
  }

  /**
   * Google's hiccups on the demo tenant: transient errors and a 429 are retried until Gmail holds
   * the change; a signature over Gmail's limit is an error for its user, never a truncated push; a
   * revoked delegation fails the directory sync with its reason. Each is counted in the metrics.
   */
  @Test
  @Order(4)
  void hiccupsAreRetriedAndEveryFailureSaysWhy() {
    Properties saved = stack.saved();
    String tenantId = saved.getProperty("demo.tenant-id");
    String tenant = apis.token(saved.getProperty("demo.api-key"));
    List<String> users =
        apis.users(DEMO).stream()
            .filter(SignetSystemIT::eligible)
            .map(u -> (String) u.get("primaryEmail"))
            .filter(email -> !email.startsWith("admin@"))
            .limit(4)
            .toList();

    failNext("sendAs.patch", 2, 503, "backendError");
    failNext("sendAs.patch", 1, 429, "rateLimitExceeded");
    for (int i = 0; i < 3; i++) {
      patchUser(users.get(i), Map.of("title", "Hiccup survivor " + i));
    }
    for (int i = 0; i < 3; i++) {
      String address = users.get(i);
      String title = "Hiccup survivor " + i;
      await().atMost(Duration.ofSeconds(60)).until(() -> apis.signature(address).contains(title));
    }
    String push = metrics(LocalStackRun.PUSH);
    assertThat(push)
        .contains("signet_push_retries_total{")
        .contains("signet_push_quota_errors_total{");

    String render = "/api/v1/tenants/" + tenantId;
    String before = apis.signature(users.get(3));
    String tooLong =
        template(tenant, render, "Too long", "<b>{user.fullName}</b><br>" + "x".repeat(10_500));
    Map<String, Object> everyone =
        Map.of(
            "audience",
            Map.of("kind", "EVERYONE"),
            "templateId",
            saved.getProperty("demo.template-id"),
            "includeAliases",
            true);
    apis.render(tenant)
        .body(
            List.of(
                Map.of(
                    "audience",
                    Map.of("kind", "USER", "value", users.get(3)),
                    "templateId",
                    tooLong),
                everyone))
        .put(render + "/rules")
        .then()
        .statusCode(200);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                metrics(LocalStackRun.RENDER)
                    .lines()
                    .anyMatch(
                        line ->
                            line.startsWith("signet_render_errors_total{")
                                && line.contains("reason=\"too-long\"")));
    apis.render(tenant).body(List.of(everyone)).put(render + "/rules").then().statusCode(200);
    quietFor(Duration.ofSeconds(3));
    assertThat(apis.signature(users.get(3))).isEqualTo(before);

    String clientId =
        apis.emulator()
            .get("/emulator/v1/customers/" + DEMO)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .<String, Object>getMap("delegations")
            .keySet()
            .iterator()
            .next();
    apis.emulator()
        .delete("/emulator/v1/customers/" + DEMO + "/delegations/" + clientId)
        .then()
        .statusCode(204);
    // Google refuses the next token; tokens issued before still work until they expire
    apis.emulator().post("/emulator/v1/tokens/expire").then().statusCode(204);
    try {
      JsonPath run = apis.syncAndWait(tenant, tenantId, Duration.ofSeconds(120));
      assertThat(run.getString("state")).isEqualTo("FAILED");
      assertThat(run.getString("failureReason")).isNotBlank();
      assertThat(metrics(LocalStackRun.DIRECTORY))
          .contains("signet_directory_sync_failures_total{");
    } finally {
      grant(DEMO, clientId, SCOPES);
    }
  }

  /**
   * Every query of the two Grafana dashboards returns data from the live stack after the push runs
   * above; the tenant variable lists the demo tenant.
   */
  @Test
  @Order(5)
  void everyDashboardQueryReturnsDataAfterThePushRuns() throws Exception {
    assumePrometheus();
    assertThat(prometheus).as("Prometheus started by the rules test").isNotNull();
    String demoTenant = stack.saved().getProperty("demo.tenant-id");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                prometheus.labelValues("tenant", "signet_push_writes_total").contains(demoTenant));

    Map<String, String> queries = new java.util.LinkedHashMap<>();
    List<String> proven = new ArrayList<>();
    List<String> empty = new ArrayList<>();
    for (String file : List.of("signet-overview.json", "signet-tenant.json")) {
      JsonPath dashboard = JsonPath.from(Files.readString(DASHBOARDS.resolve(file)));
      List<Map<String, Object>> panels = dashboard.getList("panels");
      for (Map<String, Object> panel : panels) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> targets =
            (List<Map<String, Object>>) panel.getOrDefault("targets", List.of());
        for (Map<String, Object> target : targets) {
          String expr =
              ((String) target.get("expr"))
                  .replace("$__rate_interval", "1m")
                  .replace("$__range", "10m")
                  .replace("$tenant", demoTenant);
          queries.put(file + " / " + panel.get("title") + ": " + expr, expr);
        }
      }
    }
    // a counter born a moment ago needs two scrapes before rate() or increase() see it
    Instant deadline = Instant.now().plusSeconds(20);
    do {
      proven.clear();
      empty.clear();
      queries.forEach(
          (line, expr) -> (prometheus.query(expr).isEmpty() ? empty : proven).add(line));
    } while (!empty.isEmpty() && Instant.now().isBefore(deadline) && pause());
    System.out.println("dashboard queries with data:\n  " + String.join("\n  ", proven));
    assertThat(empty).as("dashboard queries without data").isEmpty();
    assertThat(proven).hasSizeGreaterThan(30);
  }

  /**
   * Every public endpoint of every service refuses bad input with 4xx and a problem+json body,
   * never 500, and the databases are unchanged afterwards.
   */
  @Test
  @Order(6)
  void everyEndpointRefusesBadInputWithProblemJsonAndChangesNothing() throws Exception {
    Properties saved = stack.saved();
    String tenantId = saved.getProperty("demo.tenant-id");
    String someUser =
        (String)
            apis.users(DEMO).stream()
                .filter(SignetSystemIT::eligible)
                .findFirst()
                .orElseThrow()
                .get("id");
    BadInputSweep.Access access =
        new BadInputSweep.Access(
            apis.operatorToken(),
            apis.token(saved.getProperty("demo.api-key")),
            apis.token(saved.getProperty("push-service.api-key")),
            BadInputSweep.realIds(tenantId, saved.getProperty("demo.template-id"), someUser));

    // quiet first: what the earlier tests set in motion has landed
    Map<String, String> before = DatabaseSnapshot.take(stack);
    Instant deadline = Instant.now().plusSeconds(60);
    while (true) {
      quietFor(Duration.ofSeconds(3));
      Map<String, String> again = DatabaseSnapshot.take(stack);
      if (again.equals(before) || Instant.now().isAfter(deadline)) {
        assertThat(again).as("the databases are quiet before the sweep").isEqualTo(before);
        break;
      }
      before = again;
    }

    Instant sweepStarted = Instant.now();
    BadInputSweep sweep = new BadInputSweep();
    for (int port : LocalStackRun.SERVICES) {
      sweep.sweep(stack.url(port), stack.managementUrl(port), access);
    }
    List<BadInputSweep.Verdict> wrong =
        sweep.verdicts().stream().filter(v -> !v.refusedProperly()).toList();
    Map<Integer, Long> byStatus = new java.util.TreeMap<>();
    sweep.verdicts().forEach(v -> byStatus.merge(v.status(), 1L, Long::sum));
    System.out.printf(
        "bad-input sweep: %d requests in %d s, answers by status %s%n",
        sweep.requests(), Duration.between(sweepStarted, Instant.now()).toSeconds(), byStatus);

    assertThat(wrong).as("requests not refused with 4xx problem+json").isEmpty();
    assertThat(sweep.requests()).isGreaterThan(1500);
    assertThat(DatabaseSnapshot.take(stack)).as("the databases after the sweep").isEqualTo(before);
  }

  /**
   * Metrics (which name tenants), health and the API description answer on each service's
   * management port only, on the loopback interface: the public API port does not serve them.
   */
  @Test
  @Order(7)
  void metricsAndTheApiDescriptionAreServedOnTheManagementPortOnly() {
    for (int port : LocalStackRun.SERVICES) {
      for (String path : List.of("/q/metrics", "/q/openapi", "/q/health/ready")) {
        io.restassured.RestAssured.given()
            .baseUri(stack.url(port))
            .get(path)
            .then()
            .statusCode(404);
        io.restassured.RestAssured.given()
            .baseUri(stack.managementUrl(port))
            .get(path)
            .then()
            .statusCode(200);
      }
    }
    assertThat(apis.metrics(LocalStackRun.PUSH)).contains("signet_push_");

    // and nothing of the stack answers on this machine's other addresses
    List<java.net.InetAddress> others = new java.util.ArrayList<>();
    try {
      for (java.net.NetworkInterface nic :
          java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
        java.util.Collections.list(nic.getInetAddresses()).stream()
            .filter(a -> !a.isLoopbackAddress() && a instanceof java.net.Inet4Address)
            .forEach(others::add);
      }
    } catch (java.net.SocketException e) {
      throw new AssertionError(e);
    }
    for (java.net.InetAddress address : others) {
      for (int port : LocalStackRun.allPorts()) {
        try (java.net.Socket socket = new java.net.Socket()) {
          socket.connect(new java.net.InetSocketAddress(address, port + stack.offset), 300);
          throw new AssertionError(
              "port " + (port + stack.offset) + " answers on " + address.getHostAddress());
        } catch (java.io.IOException refused) {
          // as it should: loopback only
        }
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  private void createUsers(String customerId) {
    List<Map<String, Object>> users =
        List.of(
            Map.of("primaryEmail", ADMIN, "givenName", "Ada", "familyName", "Admin"),
            Map.of(
                "primaryEmail", SALES_ONE,
                "givenName", "Sam",
                "familyName", "Seller",
                "title", "Account Executive",
                "orgUnitPath", "/Sales",
                "phones", List.of(Map.of("value", "+41 44 668 18 00", "type", "work"))),
            Map.of(
                "primaryEmail",
                SALES_TWO,
                "givenName",
                "Sia",
                "familyName",
                "Seller",
                "orgUnitPath",
                "/Sales/EMEA"),
            Map.of(
                "primaryEmail", ENG_ONE,
                "givenName", "Erin",
                "familyName", "Engineer",
                "title", "Platform Engineer",
                "orgUnitPath", "/Engineering",
                "aliases", List.of(ENG_ALIAS, ENG_RECEIVES_ONLY),
                // Erin sends as one alias; the other only receives mail: no sendAs, no signature
                "sendAs", List.of(ENG_ALIAS)),
            Map.of(
                "primaryEmail",
                ENG_TWO,
                "givenName",
                "נועה",
                "familyName",
                "כהן",
                "orgUnitPath",
                "/Engineering"),
            Map.of(
                "primaryEmail", AWAY, "givenName", "Al", "familyName", "Away", "suspended", true),
            Map.of(
                "primaryEmail",
                PAT,
                "givenName",
                "Pat",
                "familyName",
                "Later",
                "orgUnitPath",
                "/Engineering"));
    for (Map<String, Object> user : users) {
      apis.emulator()
          .body(user)
          .post("/emulator/v1/customers/" + customerId + "/users")
          .then()
          .statusCode(201);
    }
    for (String group : List.of(LEADS, PLATFORM)) {
      apis.emulator()
          .body(Map.of("email", group))
          .post("/emulator/v1/customers/" + customerId + "/groups")
          .then()
          .statusCode(201);
    }
    for (Map.Entry<String, String> member : Map.of(LEADS, PLATFORM, PLATFORM, ENG_TWO).entrySet()) {
      apis.emulator()
          .body(Map.of("email", member.getValue()))
          .post("/emulator/v1/groups/" + member.getKey() + "/members")
          .then()
          .statusCode(201);
    }
    for (String role :
        List.of(
            "_SEED_ADMIN_ROLE",
            "_GROUPS_ADMIN_ROLE",
            "_USER_MANAGEMENT_ADMIN_ROLE",
            "_SERVICES_ADMIN_ROLE")) {
      apis.emulator()
          .body(Map.of("userKey", ADMIN, "roleName", role))
          .post("/emulator/v1/customers/" + customerId + "/role-assignments")
          .then()
          .statusCode(201);
    }
  }

  private void grant(String customerId, String clientId, List<String> scopes) {
    apis.emulator()
        .body(Map.of("scopes", scopes))
        .put("/emulator/v1/customers/" + customerId + "/delegations/" + clientId)
        .then()
        .statusCode(200);
  }

  private JsonPath verify(String token, String tenantId) {
    return apis.tenantService(token)
        .post("/api/v1/tenants/" + tenantId + "/verifications")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  private static Map<String, Object> item(JsonPath report, String id) {
    List<Map<String, Object>> items = report.getList("items");
    return items.stream().filter(i -> id.equals(i.get("id"))).findFirst().orElseThrow();
  }

  private String template(String token, String render, String name, String source) {
    return apis.render(token)
        .body(Map.of("name", name, "source", source))
        .post(render + "/templates")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static String salesTemplate(String version) {
    return "<b>{user.fullName}</b> | Sales "
        + version
        + "{#if user.title} | {user.title}{/if}{#if campaign}<br>{campaign.banner}{/if}";
  }

  private void patchUser(String address, Map<String, Object> patch) {
    apis.emulator().body(patch).patch("/emulator/v1/users/" + address).then().statusCode(200);
  }

  /** When the address's signature first matched, polled every 100 ms until {@code deadline}. */
  private Instant awaitSignature(String address, Predicate<String> wanted, Instant deadline) {
    while (Instant.now().isBefore(deadline)) {
      if (wanted.test(apis.signature(address))) {
        return Instant.now();
      }
      sleep(Duration.ofMillis(100));
    }
    throw new AssertionError(
        address + " never got the expected signature; it holds: " + apis.signature(address));
  }

  private List<String> storyWritesAfter(long mark) {
    return apis.writesAfter(mark).stream().filter(a -> a.endsWith("@" + DOMAIN)).toList();
  }

  private static boolean eligible(Map<String, Object> user) {
    return !(Boolean) user.get("suspended")
        && !(Boolean) user.get("archived")
        && (Boolean) user.get("gmailEnabled");
  }

  @SuppressWarnings("unchecked")
  private static boolean signedEverywhere(Map<String, Object> user) {
    List<Map<String, Object>> sendAs = (List<Map<String, Object>>) user.get("sendAs");
    return !sendAs.isEmpty()
        && sendAs.stream()
            .allMatch(s -> !java.util.Objects.toString(s.get("signature"), "").isEmpty());
  }

  @SuppressWarnings("unchecked")
  private static boolean signedAnywhere(Map<String, Object> user) {
    List<Map<String, Object>> sendAs = (List<Map<String, Object>>) user.get("sendAs");
    return sendAs.stream()
        .anyMatch(s -> !java.util.Objects.toString(s.get("signature"), "").isEmpty());
  }

  private String tenantStatus(String tenant, String tenantId) {
    return apis.tenantService(tenant)
        .get("/api/v1/tenants/" + tenantId)
        .then()
        .statusCode(200)
        .extract()
        .path("status");
  }

  private void failNext(String operation, int count, int status, String reason) {
    apis.emulator()
        .body(Map.of("operation", operation, "count", count, "status", status, "reason", reason))
        .post("/emulator/v1/faults/next")
        .then()
        .statusCode(201);
  }

  private String metrics(int port) {
    return apis.metrics(port);
  }

  private static void assumePrometheus() {
    boolean present =
        PrometheusRun.binary("prometheus").isPresent()
            && PrometheusRun.binary("promtool").isPresent();
    if (!present && "true".equals(System.getenv(PrometheusRun.REQUIRED))) {
      throw new AssertionError(
          "prometheus and promtool are required here: apt-get install prometheus");
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(
        present, "Debian's prometheus package is not installed: the Prometheus checks are skipped");
  }

  private static boolean pause() {
    sleep(Duration.ofSeconds(1));
    return true;
  }

  /** Lets in-flight work land before counting writes. */
  private static void quietFor(Duration duration) {
    sleep(duration);
  }

  private static void sleep(Duration duration) {
    LocalStackRun.sleep(duration);
  }
}
