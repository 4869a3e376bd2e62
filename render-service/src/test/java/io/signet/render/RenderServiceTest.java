package io.signet.render;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.signet.events.CloudEventHeaders;
import io.signet.events.DirectoryUser;
import io.signet.events.EventJson;
import io.signet.events.RenderCause;
import io.signet.events.SendAsSnapshot;
import io.signet.events.SignatureRendered;
import io.signet.events.TenantSnapshot;
import io.signet.events.TenantStatus;
import io.signet.events.Topics;
import io.signet.testing.JwtKeysTestResource;
import io.signet.testing.KafkaTestClient;
import io.signet.testing.KafkaTestResource;
import io.signet.testing.PostgresTestResource;
import io.signet.testing.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The render pipeline on real Kafka and PostgreSQL: render once, replay for free, edit precisely.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(JwtKeysTestResource.class)
class RenderServiceTest {

  private static final String TEMPLATE =
      """
      <b>{user.fullName}</b>
      {#if user.title}
      {user.title}<br>
      {/if}
      {#if user.phone.work}
      T {user.phone.work}<br>
      {/if}
      """;

  @Test
  void aTenantRendersOnceReplaysEmitNothingAndAnEditEmitsExactlyTheAffectedUsers() {
    String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    String token = TestTokens.tenant(tenant);
    List<DirectoryUser> users = users(tenant, 10_000);
    Set<String> withMobile =
        users.stream()
            .filter(u -> u.phones().stream().anyMatch(p -> "mobile".equals(p.type())))
            .map(u -> Topics.userKey(tenant, u.userId()))
            .collect(Collectors.toSet());

    try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
      publishTenant(kafka, tenant);
      kafka.sendAll(users.stream().map(RenderServiceTest::record).toList());
      kafka.awaitConsumed("render-service", Topics.DIRECTORY_USERS, Duration.ofSeconds(120));

      String templateId = RenderTestApi.createTemplate(tenant, "Default", TEMPLATE);
      RenderTestApi.ruleForEveryone(tenant, templateId, Map.of());

      await()
          .atMost(Duration.ofSeconds(120))
          .until(() -> signatures(kafka, tenant).size() >= 10_000);
      List<ConsumerRecord<String, String>> first = signatures(kafka, tenant);
      assertThat(first).hasSize(10_000);
      SignatureRendered one = EventJson.read(first.get(0).value(), SignatureRendered.class);
      assertThat(one.cause()).isEqualTo(RenderCause.RULE);
      assertThat(one.templateVersion()).isEqualTo(1);
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  given()
                      .auth()
                      .oauth2(token)
                      .get("/api/v1/tenants/" + tenant + "/renders")
                      .then()
                      .statusCode(200)
                      .body("state", org.hamcrest.Matchers.is("DONE"))
                      .body("cause", org.hamcrest.Matchers.is("RULE"))
                      .body("usersDone", org.hamcrest.Matchers.is(10_000))
                      .body("usersTotal", org.hamcrest.Matchers.is(10_000)));

      kafka.sendAll(users.stream().map(RenderServiceTest::record).toList());
      kafka.awaitConsumed("render-service", Topics.DIRECTORY_USERS, Duration.ofSeconds(120));
      assertThat(signatures(kafka, tenant)).hasSize(10_000);

      given()
          .auth()
          .oauth2(token)
          .contentType(ContentType.JSON)
          .body(
              Map.of(
                  "source",
                  TEMPLATE + "{#if user.phone.mobile}\nM {user.phone.mobile}<br>\n{/if}\n"))
          .put("/api/v1/tenants/" + tenant + "/templates/" + templateId)
          .then()
          .statusCode(200)
          .extract()
          .path("version")
          .equals(2);

      int expected = 10_000 + withMobile.size();
      await()
          .atMost(Duration.ofSeconds(120))
          .until(() -> signatures(kafka, tenant).size() >= expected);
      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(10))
          .until(() -> signatures(kafka, tenant).size() == expected);
      List<ConsumerRecord<String, String>> after = signatures(kafka, tenant);
      Set<String> reRendered =
          after.stream()
              .filter(
                  r -> EventJson.read(r.value(), SignatureRendered.class).templateVersion() == 2)
              .map(ConsumerRecord::key)
              .collect(Collectors.toSet());
      assertThat(reRendered).isEqualTo(withMobile);

      given()
          .auth()
          .oauth2(token)
          .contentType(ContentType.JSON)
          .body(Map.of("userId", users.get(0).userId()))
          .post("/api/v1/tenants/" + tenant + "/renders")
          .then()
          .statusCode(200)
          .body("emitted", org.hamcrest.Matchers.equalTo(0));
    }
  }

  @Test
  void previewWithTheSampleUserEmitsNothingAndWarnsOfInsecureImages() {
    String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
      publishTenant(kafka, tenant);
      kafka.awaitConsumed("render-service", Topics.TENANTS, Duration.ofSeconds(30));

      given()
          .auth()
          .oauth2(TestTokens.tenant(tenant))
          .contentType(ContentType.JSON)
          .body(
              Map.of(
                  "source",
                  "<b>{user.fullName}</b> {user.phone.mobile}<img src=\"http://cdn.example/x.png\">"))
          .post("/api/v1/tenants/" + tenant + "/preview")
          .then()
          .statusCode(200)
          .body(
              "targets[0].html",
              org.hamcrest.Matchers.equalTo("<b>Jane Doe</b> +1 650-555-0100<img>"))
          .body(
              "warnings",
              org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.containsString("https")));
      assertThat(signatures(kafka, tenant)).isEmpty();
    }
  }

  @Test
  void aSyntaxErrorIsA400NamingLineAndColumn() {
    String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);

    given()
        .auth()
        .oauth2(TestTokens.tenant(tenant))
        .contentType(ContentType.JSON)
        .body(Map.of("name", "Broken", "source", "<div>\n{#if user.title}\n</div>"))
        .post("/api/v1/tenants/" + tenant + "/templates")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("field", org.hamcrest.Matchers.equalTo("source"))
        .body("detail", org.hamcrest.Matchers.containsString("line "));
  }

  @Test
  void anotherTenantsTemplatesAreOutOfReach() {
    given()
        .auth()
        .oauth2(TestTokens.tenant("t-a"))
        .get("/api/v1/tenants/t-b/templates")
        .then()
        .statusCode(404);
    given().get("/api/v1/tenants/t-b/templates").then().statusCode(401);
  }

  static List<ConsumerRecord<String, String>> signatures(KafkaTestClient kafka, String tenant) {
    return kafka.readAll(
        Topics.SIGNATURES,
        r -> r.key().startsWith(tenant + "/") && r.value() != null,
        Duration.ofSeconds(60));
  }

  @Test
  void aUserWhoArrivesBeforeItsTenantIsRenderedOnceTheTenantIsKnown() {
    String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    DirectoryUser user = users(tenant, 1).get(0);
    try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
      RenderTestApi.signEveryone(tenant, "<b>{user.fullName}</b>");
      kafka.sendAll(List.of(record(user)));
      kafka.awaitConsumed("render-service", Topics.DIRECTORY_USERS, Duration.ofSeconds(120));
      assertThat(signatures(kafka, tenant))
          .as("no tenant known yet: nothing to sign for")
          .isEmpty();

      publishTenant(kafka, tenant);
      await().atMost(Duration.ofSeconds(60)).until(() -> signatures(kafka, tenant).size() == 1);
      SignatureRendered rendered =
          EventJson.read(signatures(kafka, tenant).get(0).value(), SignatureRendered.class);
      assertThat(rendered.cause()).isEqualTo(RenderCause.TENANT);
      assertThat(rendered.targets())
          .extracting(SignatureRendered.Target::sendAsEmail)
          .containsExactly(user.primaryEmail());
    }
  }

  @Test
  void gmailsSendAsListDecidesTheAddressesAndNamesTheAliasesWithoutOne() {
    String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    String token = TestTokens.tenant(tenant);
    DirectoryUser base = users(tenant, 1).get(0);
    DirectoryUser user = withAliases(base, List.of("sales@acme.ch", "u.other@acme.ch"));
    String key = Topics.userKey(tenant, user.userId());
    try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
      publishTenant(kafka, tenant);
      String templateId = RenderTestApi.createTemplate(tenant, "Default", "<b>{sendAs.email}</b>");
      RenderTestApi.ruleForEveryone(tenant, templateId, Map.of("includeAliases", true));
      kafka.sendAll(List.of(record(user)));
      await().atMost(Duration.ofSeconds(120)).until(() -> signatures(kafka, tenant).size() == 1);
      SignatureRendered before =
          EventJson.read(signatures(kafka, tenant).get(0).value(), SignatureRendered.class);

      SendAsSnapshot gmail =
          new SendAsSnapshot(
              UUID.randomUUID().toString(),
              Instant.now(),
              SendAsSnapshot.SCHEMA_VERSION,
              tenant,
              user.userId(),
              List.of(
                  new SendAsSnapshot.Address(user.primaryEmail(), true, false, null),
                  new SendAsSnapshot.Address("sales@acme.ch", false, true, "accepted"),
                  new SendAsSnapshot.Address("me@elsewhere.example", false, false, "accepted")),
              Instant.now());
      kafka.send(Topics.SEND_AS, key, EventJson.write(gmail), CloudEventHeaders.of(gmail, "/t"));
      await().atMost(Duration.ofSeconds(60)).until(() -> signatures(kafka, tenant).size() == 2);
      SignatureRendered after =
          EventJson.read(signatures(kafka, tenant).get(1).value(), SignatureRendered.class);
      io.restassured.path.json.JsonPath preview =
          given()
              .auth()
              .oauth2(token)
              .contentType(ContentType.JSON)
              .body(Map.of("userId", user.userId()))
              .post("/api/v1/tenants/" + tenant + "/preview")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();

      // before Gmail's list is known, only the primary: the one address sure to be a sendAs
      assertThat(before.targets())
          .extracting(SignatureRendered.Target::sendAsEmail)
          .containsExactly(user.primaryEmail());
      assertThat(before.aliasesWithoutSendAs()).isEmpty();
      assertThat(after.targets())
          .extracting(t -> t.sendAsEmail() + "=" + t.html())
          .containsExactly(
              user.primaryEmail() + "=<b>" + user.primaryEmail() + "</b>",
              "sales@acme.ch=<b>sales@acme.ch</b>");
      assertThat(after.aliasesWithoutSendAs()).containsExactly("u.other@acme.ch");
      assertThat(preview.getList("targets.sendAsEmail", String.class))
          .containsExactly(user.primaryEmail(), "sales@acme.ch");
      assertThat(preview.getList("aliasesWithoutSendAs", String.class))
          .containsExactly("u.other@acme.ch");

      kafka.send(Topics.SEND_AS, key, EventJson.write(gmail), CloudEventHeaders.of(gmail, "/t"));
      kafka.awaitConsumed("render-service", Topics.SEND_AS, Duration.ofSeconds(60));
      assertThat(signatures(kafka, tenant)).as("the same list again emits nothing").hasSize(2);
    }
  }

  @Test
  void aUsersRealDirectoryChangePublishesTheSignatureAgainThoughItRendersTheSame() {
    String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    String token = TestTokens.tenant(tenant);
    List<DirectoryUser> users = users(tenant, 3);
    DirectoryUser moved = changed(users.get(0), users.get(0).title(), "Sales", "h0-sales");
    try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
      publishTenant(kafka, tenant);
      kafka.awaitConsumed("render-service", Topics.TENANTS, Duration.ofSeconds(30));
      RenderTestApi.signEveryone(tenant, "<b>{user.fullName}</b>");
      awaitRerender(tenant, "RULE");
      kafka.sendAll(users.stream().map(RenderServiceTest::record).toList());
      await().atMost(Duration.ofSeconds(60)).until(() -> signatures(kafka, tenant).size() == 3);
      SignatureRendered first = signatureOf(kafka, tenant, moved.userId()).get(0);

      // the department, which the template does not show, changes; the others are delivered again
      kafka.sendAll(
          List.of(record(moved), record(users.get(1)), record(users.get(2)), record(moved)));
      kafka.awaitConsumed("render-service", Topics.DIRECTORY_USERS, Duration.ofSeconds(60));
      await().atMost(Duration.ofSeconds(30)).until(() -> signatures(kafka, tenant).size() >= 4);
      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(10))
          .until(() -> signatures(kafka, tenant).size() == 4);
      List<SignatureRendered> ofMoved = signatureOf(kafka, tenant, moved.userId());
      assertThat(ofMoved).hasSize(2);
      SignatureRendered again = ofMoved.get(1);
      assertThat(again.cause()).isEqualTo(RenderCause.DIRECTORY);
      assertThat(again.targets()).isEqualTo(first.targets());

      // a re-render of the tenant's users, none of whom changed since, publishes nothing
      given()
          .auth()
          .oauth2(token)
          .contentType(ContentType.JSON)
          .body(Map.of())
          .post("/api/v1/tenants/" + tenant + "/renders")
          .then()
          .statusCode(202);
      awaitRerender(tenant, "MANUAL");
      assertThat(signatures(kafka, tenant)).hasSize(4);
    }
  }

  @Test
  void aUserChangedAndChangedBackWithinOneBatchEndsOnTheSignatureOfTheLastRecord() {
    String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    DirectoryUser user = users(tenant, 2).get(1);
    try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
      publishTenant(kafka, tenant);
      kafka.awaitConsumed("render-service", Topics.TENANTS, Duration.ofSeconds(30));
      RenderTestApi.signEveryone(tenant, "<b>{user.fullName}</b> {user.title}");
      awaitRerender(tenant, "RULE");
      kafka.sendAll(List.of(record(user)));
      await().atMost(Duration.ofSeconds(60)).until(() -> signatures(kafka, tenant).size() == 1);

      // promoted and the promotion undone before render-service polls: both in one batch
      kafka.sendAll(
          List.of(
              record(changed(user, "Director", user.department(), "h1-director")),
              record(changed(user, user.title(), user.department(), user.contentHash()))));
      kafka.awaitConsumed("render-service", Topics.DIRECTORY_USERS, Duration.ofSeconds(60));
      // in one poll the last record decides (nothing new to publish); polled apart, the promotion
      // and then its undo are published: either way the topic ends on the last record's signature
      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(15))
          .until(() -> signatures(kafka, tenant).size(), size -> size == 1 || size == 3);
      List<SignatureRendered> published = signatureOf(kafka, tenant, user.userId());
      SignatureRendered last = published.get(published.size() - 1);
      assertThat(last.targets().get(0).html())
          .as("the last record's title, not the undone promotion")
          .contains(user.title())
          .doesNotContain("Director");
    }
  }

  @Test
  void turningTheAliasOptionOnReRendersTheTenantAndTheSameSnapshotAgainStartsNone() {
    String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    DirectoryUser base = users(tenant, 1).get(0);
    DirectoryUser user = withAliases(base, List.of("sales@acme.ch"));
    SendAsSnapshot gmail =
        new SendAsSnapshot(
            UUID.randomUUID().toString(),
            Instant.now(),
            SendAsSnapshot.SCHEMA_VERSION,
            tenant,
            user.userId(),
            List.of(new SendAsSnapshot.Address(user.primaryEmail(), true, false, null)),
            Instant.now());
    try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
      publishTenant(kafka, tenant, false);
      kafka.awaitConsumed("render-service", Topics.TENANTS, Duration.ofSeconds(30));
      String templateId = RenderTestApi.createTemplate(tenant, "Default", "<b>{sendAs.email}</b>");
      RenderTestApi.ruleForEveryone(tenant, templateId, Map.of("includeAliases", true));
      awaitRerender(tenant, "RULE");
      kafka.send(
          Topics.SEND_AS,
          Topics.userKey(tenant, user.userId()),
          EventJson.write(gmail),
          CloudEventHeaders.of(gmail, "/t"));
      kafka.awaitConsumed("render-service", Topics.SEND_AS, Duration.ofSeconds(60));
      kafka.sendAll(List.of(record(user)));
      await().atMost(Duration.ofSeconds(60)).until(() -> signatures(kafka, tenant).size() == 1);
      SignatureRendered off = signatureOf(kafka, tenant, user.userId()).get(0);
      assertThat(off.targets())
          .extracting(SignatureRendered.Target::sendAsEmail)
          .containsExactly(user.primaryEmail());
      assertThat(off.aliasesWithoutSendAs()).containsExactly("sales@acme.ch");
      String ruleJob = rerender(tenant).getString("requestedAt");

      publishTenant(kafka, tenant, true);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> !ruleJob.equals(rerender(tenant).getString("requestedAt")));
      io.restassured.path.json.JsonPath optionJob = awaitRerender(tenant, "TENANT");
      await().atMost(Duration.ofSeconds(30)).until(() -> signatures(kafka, tenant).size() == 2);
      SignatureRendered on = signatureOf(kafka, tenant, user.userId()).get(1);
      assertThat(on.cause()).isEqualTo(RenderCause.TENANT);
      assertThat(on.targets())
          .extracting(t -> t.sendAsEmail() + "=" + t.html())
          .containsExactly(
              user.primaryEmail() + "=<b>" + user.primaryEmail() + "</b>",
              "sales@acme.ch=<b>sales@acme.ch</b>");

      publishTenant(kafka, tenant, true);
      kafka.awaitConsumed("render-service", Topics.TENANTS, Duration.ofSeconds(30));
      assertThat(rerender(tenant).getString("requestedAt"))
          .as("the same option again starts no re-render")
          .isEqualTo(optionJob.getString("requestedAt"));
      assertThat(signatures(kafka, tenant)).hasSize(2);
    }
  }

  /** The tenant's latest whole re-render as the API shows it. */
  private static io.restassured.path.json.JsonPath rerender(String tenant) {
    return given()
        .auth()
        .oauth2(TestTokens.tenant(tenant))
        .get("/api/v1/tenants/" + tenant + "/renders")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** Waits for the tenant's latest re-render to be done, for this cause. */
  private static io.restassured.path.json.JsonPath awaitRerender(String tenant, String cause) {
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                given()
                    .auth()
                    .oauth2(TestTokens.tenant(tenant))
                    .get("/api/v1/tenants/" + tenant + "/renders")
                    .then()
                    .statusCode(200)
                    .body("state", org.hamcrest.Matchers.is("DONE"))
                    .body("cause", org.hamcrest.Matchers.is(cause)));
    return rerender(tenant);
  }

  private static List<SignatureRendered> signatureOf(
      KafkaTestClient kafka, String tenant, String userId) {
    return signatures(kafka, tenant).stream()
        .filter(r -> r.key().equals(Topics.userKey(tenant, userId)))
        .map(r -> EventJson.read(r.value(), SignatureRendered.class))
        .toList();
  }

  /** {@code user} as a later directory record with this title and department. */
  private static DirectoryUser changed(
      DirectoryUser user, String title, String department, String contentHash) {
    return new DirectoryUser(
        UUID.randomUUID().toString(),
        Instant.now(),
        user.schemaVersion(),
        user.tenantId(),
        user.userId(),
        user.primaryEmail(),
        user.aliases(),
        user.name(),
        title,
        department,
        user.phones(),
        user.addresses(),
        user.orgUnitPath(),
        user.groups(),
        user.customSchemas(),
        user.suspended(),
        user.archived(),
        user.photoUrl(),
        contentHash);
  }

  static void publishTenant(KafkaTestClient kafka, String tenant) {
    publishTenant(kafka, tenant, false);
  }

  static void publishTenant(KafkaTestClient kafka, String tenant, boolean createAliasSendAs) {
    TenantSnapshot snapshot =
        new TenantSnapshot(
            UUID.randomUUID().toString(),
            Instant.now(),
            TenantSnapshot.SCHEMA_VERSION,
            tenant,
            "Acme",
            List.of("acme.ch"),
            "admin@acme.ch",
            TenantStatus.ACTIVE,
            true,
            3600,
            "123",
            createAliasSendAs);
    kafka.send(
        Topics.TENANTS,
        tenant,
        EventJson.write(snapshot),
        CloudEventHeaders.of(snapshot, "/tests"));
  }

  static org.apache.kafka.clients.producer.ProducerRecord<String, String> record(
      DirectoryUser user) {
    return io.signet.events.EventRecords.of(
        user, Topics.userKey(user.tenantId(), user.userId()), "/tests");
  }

  static List<DirectoryUser> users(String tenant, int count) {
    List<DirectoryUser> users = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      List<DirectoryUser.Phone> phones = new ArrayList<>();
      phones.add(
          new DirectoryUser.Phone(
              "work",
              String.format("044 %03d %02d %02d", i / 10000 % 1000, i / 100 % 100, i % 100),
              true));
      if (i % 3 == 0) {
        phones.add(
            new DirectoryUser.Phone(
                "mobile",
                String.format("079 %03d %02d %02d", i / 10000 % 1000, i / 100 % 100, i % 100),
                false));
      }
      users.add(
          new DirectoryUser(
              UUID.randomUUID().toString(),
              Instant.now(),
              DirectoryUser.SCHEMA_VERSION,
              tenant,
              String.valueOf(100_000 + i),
              "user" + i + "@acme.ch",
              List.of(),
              new DirectoryUser.PersonName("User", String.valueOf(i), "User " + i, null),
              i % 7 == 0 ? null : "Engineer",
              "R&D",
              phones,
              List.of(),
              "/",
              List.of(),
              Map.of(),
              false,
              false,
              null,
              "h" + i));
    }
    return users;
  }

  /** {@code base} with these Directory aliases. */
  private static DirectoryUser withAliases(DirectoryUser base, List<String> aliases) {
    return new DirectoryUser(
        base.eventId(),
        base.occurredAt(),
        base.schemaVersion(),
        base.tenantId(),
        base.userId(),
        base.primaryEmail(),
        aliases,
        base.name(),
        base.title(),
        base.department(),
        base.phones(),
        base.addresses(),
        base.orgUnitPath(),
        base.groups(),
        base.customSchemas(),
        false,
        false,
        null,
        "aliased");
  }
}
