package io.signet.tenant.messaging;

import io.quarkus.runtime.StartupEvent;
import io.signet.events.EventType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Creates the topic this service produces, compacted, before anything is published to it. */
@ApplicationScoped
public class KafkaTopicSetup {

  private static final Logger LOG = Logger.getLogger(KafkaTopicSetup.class);

  void onStart(
      @Observes StartupEvent event,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
      @ConfigProperty(name = "signet.kafka.partitions", defaultValue = "4") int partitions,
      @ConfigProperty(name = "signet.kafka.replication-factor", defaultValue = "1")
          short replicas) {
    EventType type = EventType.TENANT_SNAPSHOT;
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      NewTopic topic = new NewTopic(type.topic(), partitions, replicas).configs(type.topicConfig());
      admin.createTopics(Set.of(topic)).all().get(30, TimeUnit.SECONDS);
      LOG.infof("created topic %s %s", type.topic(), type.topicConfig());
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("cannot create topic " + type.topic(), e.getCause());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (TimeoutException e) {
      throw new IllegalStateException("Kafka did not answer within 30 s: is it running?", e);
    }
  }
}
