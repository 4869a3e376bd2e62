package io.signet.tenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.signet.events.CloudEventHeaders;
import io.signet.events.Topics;
import io.signet.support.kafka.KafkaClientConfig;
import io.signet.support.outbox.Outbox;
import io.signet.support.outbox.RelayLock;
import io.signet.testing.KafkaTestClient;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Two tenant-service replicas relaying one outbox (here: two more relays on the same database,
 * racing the application's own) publish each tenant's snapshots in the order they committed, and a
 * deleted tenant's tombstone stays its last record, even with changes racing the deletion.
 */
@QuarkusTest
@TenantServiceTestProfile
class SnapshotOrderTest {

  private static final int TENANTS = 12;
  private static final int CHANGES = 6;

  @Inject AgroalDataSource dataSource;

  @Inject KafkaClientConfig kafka;

  @Test
  void racingRelaysAndChangesNeverPutASnapshotAfterItsTombstone() throws Exception {
    List<Outbox> replicas =
        List.of(
            new Outbox(dataSource, new RelayLock(dataSource), kafka, "tenant-service"),
            new Outbox(dataSource, new RelayLock(dataSource), kafka, "tenant-service"));
    AtomicBoolean writing = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(2 + 2 * TENANTS);
    List<Future<?>> relays = new ArrayList<>();
    for (Outbox replica : replicas) {
      relays.add(
          pool.submit(
              () -> {
                while (writing.get()) {
                  replica.relayIfFree();
                }
              }));
    }
    String operator = Onboarding.operatorToken();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < TENANTS; i++) {
      ids.add(new Onboarding().createTenant()[0]);
    }
    ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> writers = new ArrayList<>();
    for (String id : ids) {
      // one client keeps suspending and resuming the tenant while another deletes it
      writers.add(
          pool.submit(
              () -> {
                start.await();
                for (int c = 0; c < CHANGES; c++) {
                  statuses.add(call(operator, id, c % 2 == 0 ? "suspend" : "resume"));
                }
                return null;
              }));
      writers.add(
          pool.submit(
              () -> {
                start.await();
                statuses.add(call(operator, id, "suspend"));
                statuses.add(
                    given().auth().oauth2(operator).delete("/api/v1/tenants/" + id).statusCode());
                return null;
              }));
    }
    start.countDown();
    for (Future<?> writer : writers) {
      writer.get(120, TimeUnit.SECONDS);
    }
    writing.set(false);
    for (Future<?> relay : relays) {
      relay.get(120, TimeUnit.SECONDS);
    }
    pool.shutdown();
    replicas.get(0).relay();
    replicas.forEach(Outbox::close);

    // a change that lost the race to the deletion finds the tenant gone: 404, never a 5xx
    assertThat(Set.copyOf(statuses)).isSubsetOf(Set.of(200, 204, 404)).contains(204);
    Map<String, List<String>> written = outbox(ids);
    try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
      Map<String, List<String>> published = new HashMap<>();
      for (ConsumerRecord<String, String> record :
          kafka.readAll(Topics.TENANTS, r -> ids.contains(r.key()), Duration.ofSeconds(60))) {
        published.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(eventOf(record));
      }
      for (String id : ids) {
        List<String> events = written.get(id);
        assertThat(events).as("outbox of " + id).hasSizeGreaterThanOrEqualTo(3);
        assertThat(events.get(events.size() - 1)).as("last written for " + id).isEqualTo(TOMBSTONE);
        assertThat(Collections.frequency(events, TOMBSTONE)).isEqualTo(1);
        assertThat(published.get(id)).as("signet.tenants records of " + id).isEqualTo(events);
      }
    }
  }

  private static final String TOMBSTONE = "tombstone";

  private static int call(String operator, String id, String action) {
    return given()
        .auth()
        .oauth2(operator)
        .post("/api/v1/tenants/" + id + "/" + action)
        .statusCode();
  }

  private static String eventOf(ConsumerRecord<String, String> record) {
    return record.value() == null
        ? TOMBSTONE
        : KafkaTestClient.header(record, CloudEventHeaders.ID);
  }

  /** Each tenant's records in the order the outbox holds them, all of them relayed. */
  private Map<String, List<String>> outbox(List<String> ids) throws Exception {
    Map<String, List<String>> events = new HashMap<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT record_key, payload IS NULL, ce_id, published_at IS NOT NULL"
                    + " FROM outbox_event WHERE record_key = ANY(?) ORDER BY id")) {
      statement.setArray(1, connection.createArrayOf("text", ids.toArray()));
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          assertThat(rows.getBoolean(4)).as("relayed: " + rows.getString(3)).isTrue();
          events
              .computeIfAbsent(rows.getString(1), k -> new ArrayList<>())
              .add(rows.getBoolean(2) ? TOMBSTONE : rows.getString(3));
        }
      }
    }
    return events;
  }
}
