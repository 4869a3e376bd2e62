package io.signet.tenant.messaging;

import io.quarkus.runtime.StartupEvent;
import io.signet.events.EventRecords;
import io.signet.events.EventType;
import io.signet.support.kafka.KafkaClientConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Creates the topic this service produces, compacted, before anything is published to it. */
@ApplicationScoped
public class KafkaTopicSetup {

  void onStart(
      @Observes StartupEvent event,
      KafkaClientConfig kafka,
      @ConfigProperty(name = "signet.kafka.partitions", defaultValue = "4") int partitions,
      @ConfigProperty(name = "signet.kafka.replication-factor", defaultValue = "1")
          short replicas) {
    EventRecords.ensureTopic(kafka.properties(), EventType.TENANT_SNAPSHOT, partitions, replicas);
  }
}
