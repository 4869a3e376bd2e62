package io.signet.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.kafka.broker.SaslSslListener;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.Test;

/** The broker's SASL_SSL listener serves its SCRAM user over TLS and refuses everyone else. */
class SaslSslBrokerTest {

  @Test
  void theScramUserWritesAndReadsOverTls() {
    try (KafkaTestClient kafka = new KafkaTestClient(TestSaslSslKafka.clientConfig())) {
      kafka.send("signet.sasl-ssl-check", "key", "value");
      assertThat(kafka.awaitRecord("signet.sasl-ssl-check", "key", Duration.ofSeconds(30)).value())
          .isEqualTo("value");
    }
  }

  @Test
  void aWrongPasswordIsRefusedByTheBroker() {
    Map<String, Object> config = TestSaslSslKafka.clientConfig();
    config.put(
        "sasl.jaas.config", SaslSslListener.jaasConfig(SaslSslListener.USER, "not-the-password"));
    assertThatThrownBy(() -> listTopics(config))
        .hasRootCauseInstanceOf(SaslAuthenticationException.class);
  }

  @Test
  void aPlaintextClientWithoutCredentialsGetsNoAnswer() {
    Map<String, Object> config = new HashMap<>();
    config.put("bootstrap.servers", TestSaslSslKafka.listener().bootstrapServers());
    assertThatThrownBy(() -> listTopics(config))
        .hasRootCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
  }

  private static void listTopics(Map<String, Object> config) throws Exception {
    config.put("request.timeout.ms", "3000");
    config.put("default.api.timeout.ms", "5000");
    try (Admin admin = Admin.create(config)) {
      admin.listTopics(new ListTopicsOptions().timeoutMs(5000)).names().get(20, TimeUnit.SECONDS);
    }
  }
}
