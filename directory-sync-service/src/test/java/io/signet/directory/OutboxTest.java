package io.signet.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.signet.emulator.state.EmulatedUser;
import io.signet.emulator.state.UserSpec;
import io.signet.events.DirectoryUser;
import io.signet.events.EventJson;
import io.signet.events.Topics;
import io.signet.support.outbox.RelayLock;
import io.signet.testing.KafkaTestClient;
import io.signet.testing.TenantOnboarding;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Nothing directory-sync records is lost on its way to Kafka: changes recorded while nothing can
 * publish (the relay's lock held by a session that then dies, as a crashed replica's would) are in
 * PostgreSQL with their records, reach {@code signet.directory-users} once the relay resumes, in
 * the order they were recorded, and the stored hashes match what the topic ends with.
 */
@QuarkusTest
@TestProfile(WebhookProfile.class)
@DirectorySyncTestResources
class OutboxTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final List<String> TITLES = List.of("First", "Second", "Third");

  @Inject AgroalDataSource dataSource;

  @Test
  void changesRecordedWhileNothingPublishesReachKafkaInOrderWhenTheRelayResumes() throws Exception {
    TenantOnboarding tenant = new TenantOnboarding(20).activate();
    SyncRunsApi.awaitLatestRun(tenant, Duration.ofSeconds(60));
    SyncRunsApi.awaitWatchOpen(tenant, Duration.ofSeconds(15));
    List<EmulatedUser> users =
        tenant.google.requireCustomer(tenant.customerId).usersByEmail().values().stream()
            .filter(u -> !u.primaryEmail().equals(tenant.admin))
            .limit(2)
            .toList();
    String changing = Topics.userKey(tenant.tenantId, users.get(0).id());
    String leaving = Topics.userKey(tenant.tenantId, users.get(1).id());
    int before = records(changing).size();

    try (Connection stoppedRelay = session()) {
      hold(stoppedRelay);
      for (String title : TITLES) {
        tenant.google.updateUser(users.get(0).id(), UserSpec.titlePatch(title));
        await().atMost(WAIT).until(() -> written(changing).contains(title));
      }
      tenant.google.deleteUser(users.get(1).id());
      await().atMost(WAIT).until(() -> payloads(leaving).contains(null));

      // recorded: the hash stored is the last record's, and every record is waiting
      assertThat(written(changing)).endsWith(TITLES.toArray(String[]::new));
      assertThat(storedHash(tenant, users.get(0).id())).isEqualTo(lastHash(changing));
      assertThat(storedHash(tenant, users.get(1).id())).isNull();
      assertThat(unpublished(changing, leaving)).isEqualTo(TITLES.size() + 1);
      // not published: nothing can relay while the lock is held
      assertThat(records(changing)).hasSize(before);
    } // the session ends and its lock with it, as when the process holding it dies

    await().atMost(WAIT).until(() -> records(changing).size() >= before + TITLES.size());
    List<ConsumerRecord<String, String>> published = records(changing);
    List<DirectoryUser> relayed =
        published.subList(before, published.size()).stream()
            .map(r -> EventJson.read(r.value(), DirectoryUser.class))
            .toList();
    assertThat(relayed).extracting(DirectoryUser::title).containsExactlyElementsOf(TITLES);
    assertThat(relayed.get(relayed.size() - 1).contentHash())
        .isEqualTo(storedHash(tenant, users.get(0).id()));
    List<ConsumerRecord<String, String>> leaver = records(leaving);
    assertThat(leaver.get(leaver.size() - 1).value()).as("tombstone").isNull();
    assertThat(unpublished(changing, leaving)).isZero();
  }

  /** A connection of its own, not the pool's: closing it ends the session. */
  private static Connection session() throws SQLException {
    Config config = ConfigProvider.getConfig();
    return DriverManager.getConnection(
        config.getValue("quarkus.datasource.jdbc.url", String.class),
        config.getValue("quarkus.datasource.username", String.class),
        config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
  }

  /** Takes the relay's lock on a session of its own, as a relay that then stops would. */
  private static void hold(Connection session) throws SQLException {
    try (PreparedStatement statement = session.prepareStatement("SELECT pg_advisory_lock(?)")) {
      statement.setLong(1, RelayLock.key("directory-sync-service"));
      statement.executeQuery().close();
    }
  }

  /** The titles of a key's outbox records in order. */
  private List<String> written(String key) throws SQLException {
    List<String> titles = new ArrayList<>();
    for (String payload : payloads(key)) {
      titles.add(payload == null ? null : EventJson.read(payload, DirectoryUser.class).title());
    }
    return titles;
  }

  private String lastHash(String key) throws SQLException {
    List<String> payloads = payloads(key);
    return EventJson.read(payloads.get(payloads.size() - 1), DirectoryUser.class).contentHash();
  }

  /** A key's outbox records in order, {@code null} for a tombstone. */
  private List<String> payloads(String key) throws SQLException {
    return query("SELECT payload FROM outbox_event WHERE record_key = ? ORDER BY id", key, null);
  }

  private String storedHash(TenantOnboarding tenant, String userId) throws SQLException {
    List<String> hashes =
        query(
            "SELECT content_hash FROM directory_user WHERE tenant_id = ? AND user_id = ?",
            tenant.tenantId,
            userId);
    return hashes.isEmpty() ? null : hashes.get(0);
  }

  private int unpublished(String... keys) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT count(*) FROM outbox_event"
                    + " WHERE record_key = ANY(?) AND published_at IS NULL")) {
      statement.setArray(1, connection.createArrayOf("text", keys));
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }

  private List<String> query(String sql, String first, String second) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, first);
      if (second != null) {
        statement.setString(2, second);
      }
      List<String> values = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          values.add(rows.getString(1));
        }
      }
      return values;
    }
  }

  private static List<ConsumerRecord<String, String>> records(String key) {
    try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
      return kafka.readAll(Topics.DIRECTORY_USERS, r -> key.equals(r.key()), WAIT);
    }
  }
}
