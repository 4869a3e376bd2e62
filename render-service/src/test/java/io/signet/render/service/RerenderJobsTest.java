package io.signet.render.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.signet.events.EventJson;
import io.signet.events.RenderCause;
import io.signet.events.SignatureRendered;
import io.signet.events.Topics;
import io.signet.render.repository.RerenderJobEntity;
import io.signet.testing.JwtKeysTestResource;
import io.signet.testing.KafkaTestClient;
import io.signet.testing.KafkaTestResource;
import io.signet.testing.PostgresTestResource;
import io.signet.testing.TestTokens;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionalException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Durable re-renders on real Kafka and PostgreSQL, with the pool switched off so the test runs each
 * batch itself (as a worker would, a restart included) and every step can be looked at.
 */
@QuarkusTest
@TestProfile(RerenderJobsTest.TestRunsTheBatches.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(JwtKeysTestResource.class)
class RerenderJobsTest {

  /** No worker threads; ten users a batch. */
  public static class TestRunsTheBatches implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "signet.render.rerender.workers", "0", "signet.render.rerender.batch-size", "10");
    }
  }

  @Inject Rerenders rerenders;
  @Inject CampaignEdges campaignEdges;
  @Inject EntityManager db;

  @AfterEach
  void drain() {
    runUntil(ignored -> !QuarkusTransaction.requiringNew().call(this::anyOpen));
  }

  @Test
  void theJobCommitsWithItsChangeAndAFailedChangeLeavesNone() {
    String tenant = newTenant(3);
    assertThatThrownBy(
            () ->
                QuarkusTransaction.requiringNew()
                    .run(
                        () -> {
                          rerenders.tenant(tenant, RenderCause.TEMPLATE);
                          throw new IllegalStateException("the change fails after queueing");
                        }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(job(tenant)).as("rolled back with the change").isNull();
    assertThatThrownBy(() -> rerenders.tenant(tenant, RenderCause.TEMPLATE))
        .as("only ever inside the change's transaction")
        .isInstanceOf(TransactionalException.class);

    String token = TestTokens.tenant(tenant);
    given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(Map.of("source", "<b>{user.fullName}</b> v2"))
        .put("/api/v1/tenants/" + tenant + "/templates/tpl-" + tenant)
        .then()
        .statusCode(200);
    RerenderJobEntity queued = job(tenant);
    assertThat(queued.state).isEqualTo(RerenderJobEntity.State.PENDING);
    assertThat(queued.cause).isEqualTo(RenderCause.TEMPLATE);
    given()
        .auth()
        .oauth2(token)
        .get("/api/v1/tenants/" + tenant + "/renders")
        .then()
        .statusCode(200)
        .body("state", org.hamcrest.Matchers.is("PENDING"))
        .body("cause", org.hamcrest.Matchers.is("TEMPLATE"))
        .body("usersDone", org.hamcrest.Matchers.is(0))
        .body("usersTotal", org.hamcrest.Matchers.is(3));

    given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(List.of(Map.of("audience", Map.of("kind", "EVERYONE"), "templateId", "tpl-none")))
        .put("/api/v1/tenants/" + tenant + "/rules")
        .then()
        .statusCode(400);
    assertThat(job(tenant).cause)
        .as("a refused change queues nothing")
        .isEqualTo(RenderCause.TEMPLATE);
    assertThat(job(tenant).requestedAt).isEqualTo(queued.requestedAt);
  }

  @Test
  void aSecondChangeWhileOneRunsRestartsThatPassInsteadOfQueueingAnother() {
    String tenant = newTenant(30);
    QuarkusTransaction.requiringNew().run(() -> rerenders.tenant(tenant, RenderCause.TEMPLATE));
    runUntil(ignored -> job(tenant).usersDone >= 10);
    assertThat(job(tenant).state).isEqualTo(RerenderJobEntity.State.RUNNING);

    QuarkusTransaction.requiringNew().run(() -> rerenders.tenant(tenant, RenderCause.RULE));
    RerenderJobEntity merged = job(tenant);
    assertThat(merged.state).isEqualTo(RerenderJobEntity.State.PENDING);
    assertThat(merged.cause).isEqualTo(RenderCause.RULE);
    assertThat(merged.cursorUserId).as("from the start: the new inputs reach everyone").isNull();
    assertThat(merged.usersDone).isZero();

    int batches = runUntil(ignored -> job(tenant).state == RerenderJobEntity.State.DONE);
    assertThat(batches).as("one pass of 30 users in batches of 10, and the end").isEqualTo(4);
    assertThat(job(tenant).usersDone).isEqualTo(30);
    assertThat(QuarkusTransaction.requiringNew().call(this::anyOpen)).isFalse();
  }

  @Test
  void aJobLeftHalfWayByACrashFinishesOnlyTheRest() {
    String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    List<String> ids =
        QuarkusTransaction.requiringNew().call(() -> SeededTenant.seed(db, tenant, 100));
    // as a replica killed after its fifth batch leaves it: RUNNING, the cursor at user 50
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                db.createNativeQuery(
                        "INSERT INTO rerender_job (tenant_id, state, cause, cursor_user_id,"
                            + " users_done, users_total, requested_at, started_at, updated_at,"
                            + " last_batch_at) VALUES (?1, 'RUNNING', 'TEMPLATE', ?2, 50, 100,"
                            + " ?3, ?3, ?3, ?3)")
                    .setParameter(1, tenant)
                    .setParameter(2, ids.get(49))
                    .setParameter(3, Instant.now())
                    .executeUpdate());

    runUntil(ignored -> job(tenant).state == RerenderJobEntity.State.DONE);

    assertThat(job(tenant).usersDone).isEqualTo(100);
    try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
      List<String> signed =
          signatures(kafka, tenant).stream()
              .map(record -> Topics.parseUserKey(record.key()).userId())
              .sorted()
              .toList();
      assertThat(signed)
          .as("the users after the cursor, each once")
          .isEqualTo(ids.subList(50, 100));
    }
  }

  @Test
  void aSmallTenantsRerenderFinishesWhileALargeOneIsStillRunning() {
    String large = newTenant(200);
    String small = newTenant(5);
    QuarkusTransaction.requiringNew().run(() -> rerenders.tenant(large, RenderCause.TEMPLATE));
    runUntil(ignored -> job(large).usersDone >= 20);

    QuarkusTransaction.requiringNew().run(() -> rerenders.tenant(small, RenderCause.TEMPLATE));
    runUntil(ignored -> job(small).state == RerenderJobEntity.State.DONE);

    assertThat(job(small).usersDone).isEqualTo(5);
    RerenderJobEntity largeJob = job(large);
    assertThat(largeJob.state).isEqualTo(RerenderJobEntity.State.RUNNING);
    assertThat(largeJob.usersDone).as("the small one's turn came next").isEqualTo(20);
    runUntil(ignored -> job(large).state == RerenderJobEntity.State.DONE);
    assertThat(job(large).usersDone).isEqualTo(200);
  }

  @Test
  void aCampaignThatStartedWithoutBeingRenderedIsRenderedAtTheNextCheck() {
    String tenant = newTenant(3);
    QuarkusTransaction.requiringNew().run(() -> rerenders.tenant(tenant, RenderCause.TENANT));
    runUntil(ignored -> job(tenant).state == RerenderJobEntity.State.DONE);
    // stored as the API stores it, but nothing queued: the service was down when it started
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                db.createNativeQuery(
                        "INSERT INTO campaign (id, tenant_id, name, banner_html, start_at, end_at,"
                            + " audience_kind) VALUES (?1, ?2, 'Spring', '<i>Spring sale</i>',"
                            + " ?3, ?4, 'EVERYONE')")
                    .setParameter(1, "cmp-" + tenant)
                    .setParameter(2, tenant)
                    .setParameter(3, Instant.now().minus(Duration.ofHours(1)))
                    .setParameter(4, Instant.now().plus(Duration.ofHours(1)))
                    .executeUpdate());

    campaignEdges.check();
    // the scheduler's own check may be the one holding the check's lock: its commit queues it then
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> job(tenant).cause == RenderCause.CAMPAIGN);
    runUntil(ignored -> job(tenant).state == RerenderJobEntity.State.DONE);

    try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
      List<SignatureRendered> withBanner =
          signatures(kafka, tenant).stream()
              .map(record -> EventJson.read(record.value(), SignatureRendered.class))
              .filter(event -> event.cause() == RenderCause.CAMPAIGN)
              .toList();
      assertThat(withBanner).hasSize(3);
      assertThat(withBanner.get(0).targets().get(0).html()).contains("<i>Spring sale</i>");
    }
    campaignEdges.check();
    assertThat(job(tenant).state)
        .as("rendered: the next check queues nothing")
        .isEqualTo(RerenderJobEntity.State.DONE);
  }

  @Test
  void aDirectoryChangeIsRenderedWhileItsTenantsRerenderIsUnderWay() {
    String tenant = newTenant(30);
    QuarkusTransaction.requiringNew().run(() -> rerenders.tenant(tenant, RenderCause.TEMPLATE));
    runUntil(ignored -> job(tenant).usersDone >= 10);
    String cursor = job(tenant).cursorUserId;

    io.signet.events.DirectoryUser changed = SeededTenant.user(tenant, 25);
    try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
      kafka.sendAll(
          List.of(
              io.signet.events.EventRecords.of(
                  changed, Topics.userKey(tenant, changed.userId()), "/tests")));
      ConsumerRecord<String, String> signed =
          kafka
              .awaitRecords(
                  Topics.SIGNATURES,
                  record -> record.key().equals(Topics.userKey(tenant, changed.userId())),
                  1,
                  Duration.ofSeconds(60))
              .get(0);
      assertThat(EventJson.read(signed.value(), SignatureRendered.class).cause())
          .isEqualTo(RenderCause.DIRECTORY);
    }
    RerenderJobEntity job = job(tenant);
    assertThat(job.state)
        .as("the re-render is still under way")
        .isEqualTo(RerenderJobEntity.State.RUNNING);
    assertThat(job.cursorUserId).isEqualTo(cursor);
  }

  private String newTenant(int users) {
    String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    QuarkusTransaction.requiringNew().run(() -> SeededTenant.seed(db, tenant, users));
    return tenant;
  }

  private RerenderJobEntity job(String tenant) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              RerenderJobEntity job = db.find(RerenderJobEntity.class, tenant);
              if (job != null) {
                db.detach(job);
              }
              return job;
            });
  }

  private boolean anyOpen() {
    return !db.createNativeQuery("SELECT 1 FROM rerender_job WHERE state <> 'DONE'")
        .getResultList()
        .isEmpty();
  }

  /** Runs batches as a worker would until the condition holds; how many it ran. */
  private int runUntil(Predicate<Void> done) {
    int batches = 0;
    while (!done.test(null)) {
      assertThat(batches).as("batches run").isLessThan(1_000);
      assertThat(rerenders.runBatch()).as("an open job to run").isTrue();
      batches++;
    }
    return batches;
  }

  private static List<ConsumerRecord<String, String>> signatures(
      KafkaTestClient kafka, String tenant) {
    return kafka.readAll(
        Topics.SIGNATURES,
        record -> record.key().startsWith(tenant + "/") && record.value() != null,
        Duration.ofSeconds(60));
  }
}
