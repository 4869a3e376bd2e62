package io.signet.render;

import static io.signet.render.RenderTestEvents.publishTenant;
import static io.signet.render.RenderTestEvents.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.signet.events.DirectoryUser;
import io.signet.events.EventJson;
import io.signet.events.SignatureRendered;
import io.signet.events.Topics;
import io.signet.kafka.broker.SaslSslListener;
import io.signet.support.kafka.KafkaClientConfig;
import io.signet.testing.JwtKeysTestResource;
import io.signet.testing.KafkaTestClient;
import io.signet.testing.PostgresTestResource;
import io.signet.testing.SaslSslKafkaTestResource;
import io.signet.testing.TestSaslSslKafka;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * render-service on a secured Kafka: its whole {@code kafka.*} configuration points at the broker's
 * SASL_SSL listener (TLS, SCRAM-SHA-512) and nowhere else, so its channels, its topic creation and
 * its producer all pass through TLS and SCRAM, or the round trip cannot happen. The listener
 * refuses clients without the user's credentials, so nothing can pass on plaintext by accident.
 */
@QuarkusTest
@TestProfile(SaslSslRoundTripTest.SaslSslKafka.class)
class SaslSslRoundTripTest {

  /** This service's test resources with the SASL_SSL broker, and without the plaintext one. */
  public static class SaslSslKafka implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(
          new TestResourceEntry(SaslSslKafkaTestResource.class),
          new TestResourceEntry(PostgresTestResource.class),
          new TestResourceEntry(JwtKeysTestResource.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
      return true;
    }
  }

  @Inject KafkaClientConfig kafkaConfig;

  @Test
  void aDirectoryUserConsumedOverSaslSslBecomesASignatureProducedOverSaslSsl() {
    SaslSslListener listener = TestSaslSslKafka.listener();
    assertThat(kafkaConfig.properties())
        .containsEntry("bootstrap.servers", listener.bootstrapServers())
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", SaslSslListener.MECHANISM);

    String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    try (KafkaTestClient kafka = new KafkaTestClient(TestSaslSslKafka.clientConfig())) {
      publishTenant(kafka, tenant);
      RenderTestApi.signEveryone(tenant, "<b>{user.fullName}</b>, {user.title}");
      kafka.sendAll(List.of(record(user(tenant, "1"))));

      String key = Topics.userKey(tenant, "1");
      SignatureRendered signature =
          EventJson.read(
              kafka.awaitRecord(Topics.SIGNATURES, key, Duration.ofSeconds(90)).value(),
              SignatureRendered.class);
      assertThat(signature.targets()).hasSize(1);
      assertThat(signature.targets().get(0).sendAsEmail()).isEqualTo("user1@acme.ch");
      assertThat(signature.targets().get(0).html()).contains("<b>Ada Lovelace</b>, Engineer");
    }
  }

  @Test
  void theListenerRefusesTheServiceSettingsWithoutItsCredentials() {
    Map<String, Object> wrongPassword = new HashMap<>(kafkaConfig.properties());
    wrongPassword.put(
        "sasl.jaas.config", SaslSslListener.jaasConfig(SaslSslListener.USER, "not-the-password"));
    assertThatThrownBy(() -> listTopics(wrongPassword))
        .hasRootCauseInstanceOf(SaslAuthenticationException.class);

    Map<String, Object> plaintext = new HashMap<>();
    plaintext.put("bootstrap.servers", kafkaConfig.properties().get("bootstrap.servers"));
    assertThatThrownBy(() -> listTopics(plaintext)).hasRootCauseInstanceOf(TimeoutException.class);
  }

  private static void listTopics(Map<String, Object> config) throws Exception {
    config.put("request.timeout.ms", "3000");
    config.put("default.api.timeout.ms", "5000");
    try (Admin admin = Admin.create(config)) {
      admin.listTopics(new ListTopicsOptions().timeoutMs(5000)).names().get(20, TimeUnit.SECONDS);
    }
  }

  private static DirectoryUser user(String tenant, String id) {
    return new DirectoryUser(
        UUID.randomUUID().toString(),
        Instant.now(),
        DirectoryUser.SCHEMA_VERSION,
        tenant,
        id,
        "user" + id + "@acme.ch",
        List.of(),
        new DirectoryUser.PersonName("Ada", "Lovelace", "Ada Lovelace", null),
        "Engineer",
        "R&D",
        List.of(),
        List.of(),
        "/",
        List.of(),
        Map.of(),
        false,
        false,
        null,
        "hash-" + id);
  }
}
