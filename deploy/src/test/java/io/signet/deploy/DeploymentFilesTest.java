package io.signet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.signet.events.EventType;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Docker and a cluster are not available here, so the deployment files are checked by reading them:
 * every service present, probes on /q/health, images, ports and environment names that the
 * services' own configuration knows, secrets referenced and never inlined, topics as the events
 * module defines them.
 */
class DeploymentFilesTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path DEPLOY = ROOT.resolve("deploy");
  private static final List<String> SERVICES =
      List.of("tenant-service", "directory-sync-service", "render-service", "push-service");

  /** Names that carry a secret: their values come from a secret, never from the file itself. */
  private static final Pattern SENSITIVE =
      Pattern.compile(".*(PASSWORD|_API_KEY|_KEYS__|OPERATOR_KEY|MASTER_KEY).*");

  private static final ObjectMapper JSON = new ObjectMapper();

  // ---------------------------------------------------------------- Docker Compose

  @Test
  void composeRunsEveryServiceFromItsDockerfileWithItsPortHealthAndKnownSettings()
      throws Exception {
    JsonNode compose = load(DEPLOY.resolve("compose/docker-compose.yml"));
    JsonNode services = compose.get("services");
    assertThat(fieldNames(services))
        .containsAll(SERVICES)
        .contains("postgres", "kafka", "prometheus", "grafana", "workspace-emulator");

    for (String service : SERVICES) {
      JsonNode definition = services.get(service);
      int port = httpPort(service);
      Path context =
          DEPLOY.resolve("compose").resolve(definition.at("/build/context").asText()).normalize();
      assertThat(context).isEqualTo(ROOT.resolve(service));
      Path dockerfile = context.resolve(definition.at("/build/dockerfile").asText());
      int management = managementPort(service);
      assertThat(Files.readString(dockerfile))
          .contains("EXPOSE " + port + " " + management)
          .contains("quarkus-app");
      assertThat(definition.get("image").asText()).startsWith("signet/" + service + ":");
      // only the API is published on the host; /q stays on the compose network (Prometheus)
      assertThat(definition.get("ports").toString()).isEqualTo("[\"" + port + ":" + port + "\"]");
      assertThat(definition.at("/healthcheck/test").toString())
          .contains("localhost:" + management + "/q/health/ready");

      Map<String, String> environment = map(definition.get("environment"));
      assertThat(environment)
          .containsKeys("KAFKA_BOOTSTRAP_SERVERS", "SIGNET_DB_PASSWORD", dbUrl(service));
      for (Map.Entry<String, String> variable : environment.entrySet()) {
        assertThat(knownSetting(service, variable.getKey()))
            .as("%s's %s is a setting the service reads", service, variable.getKey())
            .isTrue();
        if (SENSITIVE.matcher(variable.getKey()).matches()) {
          assertThat(variable.getValue())
              .as("%s's %s comes from .env, never inlined", service, variable.getKey())
              .matches("\\$\\{[A-Z_]+:\\?.+}");
        }
      }
      if (environment.containsKey("SIGNET_JWT_PUBLIC_KEY")) {
        assertThat(environment.get("SIGNET_JWT_PUBLIC_KEY")).startsWith("/run/secrets/");
      }
    }
    assertThat(map(services.at("/tenant-service/environment")).get("SIGNET_JWT_PRIVATE_KEY"))
        .isEqualTo("/run/secrets/jwt-private.pem");
  }

  @Test
  void theSandboxEmulatorImageHoldsTheJarAndTheLibrariesItsManifestNames() throws Exception {
    JsonNode emulator =
        load(DEPLOY.resolve("compose/docker-compose.yml")).at("/services/workspace-emulator");
    assertThat(emulator.get("profiles").toString()).contains("sandbox");
    Path context =
        DEPLOY.resolve("compose").resolve(emulator.at("/build/context").asText()).normalize();
    assertThat(context).isEqualTo(ROOT.resolve("workspace-emulator"));
    String dockerfile =
        Files.readString(context.resolve(emulator.at("/build/dockerfile").asText()));
    String pom = Files.readString(context.resolve("pom.xml"));
    // the jar is thin: its manifest's class path is lib/…, copied there by the build
    assertThat(pom).contains("<classpathPrefix>lib/</classpathPrefix>");
    assertThat(pom).contains("<outputDirectory>${project.build.directory}/lib</outputDirectory>");
    assertThat(dockerfile)
        .contains("COPY target/lib/ /app/lib/")
        .contains("COPY target/signet-workspace-emulator-*.jar /app/workspace-emulator.jar")
        .contains("-jar\", \"/app/workspace-emulator.jar")
        .contains("EXPOSE 8089");
    assertThat(emulator.get("ports").get(0).asText()).isEqualTo("8089:8089");
  }

  @Test
  void composeSecretsComeFromTheEnvFileWhoseExampleListsThemAll() throws Exception {
    String compose = Files.readString(DEPLOY.resolve("compose/docker-compose.yml"));
    Properties example = new Properties();
    try (Reader reader = Files.newBufferedReader(DEPLOY.resolve("compose/.env.example"))) {
      example.load(reader);
    }
    Matcher required = Pattern.compile("\\$\\{([A-Z_]+):\\?").matcher(compose);
    Set<String> names = new HashSet<>();
    while (required.find()) {
      names.add(required.group(1));
    }
    assertThat(names)
        .contains("SIGNET_DB_PASSWORD", "SIGNET_VAULT_MASTER_KEY", "SIGNET_OPERATOR_KEY");
    // the secured-Kafka settings, shown (commented) as the Kubernetes overlays set them
    assertThat(compose)
        .contains("# KAFKA_SECURITY_PROTOCOL: SSL")
        .contains("# KAFKA_SSL_KEYSTORE_LOCATION:")
        .contains("# KAFKA_SSL_TRUSTSTORE_LOCATION:")
        .contains("# KAFKA_SECURITY_PROTOCOL: SASL_SSL");
    assertThat(example.stringPropertyNames()).containsAll(names);
    noUsableDefault(DEPLOY.resolve("compose/.env.example"), example);
    assertThat(Files.readString(ROOT.resolve(".gitignore")))
        .contains("deploy/compose/.env")
        .contains("deploy/compose/secrets/");
    JsonNode secrets = load(DEPLOY.resolve("compose/docker-compose.yml")).get("secrets");
    assertThat(fieldNames(secrets)).containsExactlyInAnyOrder("jwt-private.pem", "jwt-public.pem");
    secrets.forEach(secret -> assertThat(secret.get("file").asText()).startsWith("./secrets/"));
  }

  @Test
  void prometheusScrapesEveryServiceAndGrafanaGetsTheDashboards() throws Exception {
    JsonNode prometheus = load(DEPLOY.resolve("prometheus/prometheus.yml"));
    Map<String, String> targets = new HashMap<>();
    for (JsonNode job : prometheus.get("scrape_configs")) {
      assertThat(job.get("metrics_path").asText()).isEqualTo("/q/metrics");
      targets.put(job.get("job_name").asText(), job.at("/static_configs/0/targets/0").asText());
    }
    for (String service : SERVICES) {
      assertThat(targets).containsEntry(service, service + ":" + managementPort(service));
    }
    assertThat(prometheus.at("/rule_files/0").asText()).endsWith("signet.rules.yml");
    assertThat(DEPLOY.resolve("prometheus/rules/signet.rules.yml")).exists();

    JsonNode grafana = load(DEPLOY.resolve("compose/docker-compose.yml")).at("/services/grafana");
    for (JsonNode volume : grafana.get("volumes")) {
      String source = volume.asText().split(":")[0];
      if (source.startsWith(".")) {
        assertThat(DEPLOY.resolve("compose").resolve(source).normalize()).isDirectory();
      }
    }
    for (String dashboard : List.of("signet-overview.json", "signet-tenant.json")) {
      JsonNode json =
          JSON.readTree(DEPLOY.resolve("grafana/dashboards").resolve(dashboard).toFile());
      assertThat(json.get("uid").asText()).startsWith("signet-");
      assertThat(json.get("panels").size()).isGreaterThan(5);
      // every push-service replica reports the whole shared queue: replicas must not be added up
      for (JsonNode expr : json.findValues("expr")) {
        if (expr.asText().contains("signet_push_queue_")) {
          assertThat(expr.asText()).as(dashboard).startsWith("max");
        }
      }
    }
  }

  // ---------------------------------------------------------------- Kubernetes

  @Test
  void everyServiceDeploymentHasProbesResourcesItsPortAndKnownSettings() throws Exception {
    Map<String, String> config = map(document("base/config.yaml", "ConfigMap").get("data"));
    for (String service : SERVICES) {
      List<JsonNode> documents = documents(DEPLOY.resolve("kubernetes/base/" + service + ".yaml"));
      JsonNode deployment = ofKind(documents, "Deployment");
      int port = httpPort(service);
      JsonNode container = deployment.at("/spec/template/spec/containers/0");
      assertThat(container.get("image").asText()).startsWith("signet/" + service + ":");
      assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(port);
      // by name: tenant-service has a third port, its token broker's
      assertThat(namedPorts(container)).containsEntry("management", managementPort(service));
      assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
      assertThat(container.at("/readinessProbe/httpGet/path").asText())
          .isEqualTo("/q/health/ready");
      assertThat(container.at("/startupProbe/httpGet/path").asText())
          .isEqualTo("/q/health/started");
      for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
        assertThat(container.at("/" + probe + "/httpGet/port").asText()).isEqualTo("management");
      }
      assertThat(deployment.at("/spec/template/metadata/annotations/prometheus.io~1port").asText())
          .isEqualTo(Integer.toString(managementPort(service)));
      assertThat(container.at("/resources/requests/cpu").isMissingNode()).isFalse();
      assertThat(container.at("/resources/limits/memory").asText()).isEqualTo("512Mi");
      assertThat(deployment.at("/spec/template/metadata/labels/signet.io~1role").asText())
          .isEqualTo("service");

      Set<String> secretVolumes = new HashSet<>();
      for (JsonNode volume : deployment.at("/spec/template/spec/volumes")) {
        if (volume.has("secret")) {
          secretVolumes.add(volume.get("name").asText());
        }
      }
      Map<String, String> mounts = new HashMap<>();
      container
          .get("volumeMounts")
          .forEach(m -> mounts.put(m.get("mountPath").asText(), m.get("name").asText()));
      Set<String> names = new HashSet<>();
      for (JsonNode variable : container.get("env")) {
        String name = variable.get("name").asText();
        names.add(name);
        assertThat(variable.has("value")).as("%s's %s is not inlined", service, name).isFalse();
        assertThat(knownSetting(service, name)).as("%s reads %s", service, name).isTrue();
        JsonNode fromConfig = variable.at("/valueFrom/configMapKeyRef");
        if (!fromConfig.isMissingNode()) {
          assertThat(config).containsKey(fromConfig.get("key").asText());
          assertThat(SENSITIVE.matcher(name).matches())
              .as("%s comes from a Secret", name)
              .isFalse();
          if (name.startsWith("SIGNET_JWT_")) {
            String file = config.get(name);
            String dir = file.substring(0, file.lastIndexOf('/'));
            assertThat(secretVolumes).contains(mounts.get(dir));
          }
        }
      }
      assertThat(names).contains("KAFKA_BOOTSTRAP_SERVERS", "SIGNET_DB_PASSWORD", dbUrl(service));

      assertThat(ofKind(documents, "Service").at("/spec/ports/0/port").asInt()).isEqualTo(port);
      List<String> servicePorts = new java.util.ArrayList<>();
      ofKind(documents, "Service")
          .at("/spec/ports")
          .forEach(p -> servicePorts.add(p.path("targetPort").asText()));
      assertThat(servicePorts)
          .as(
              "the Service exposes the API (and tenant-service's broker), never the management port")
          .isEqualTo(
              service.equals("tenant-service") ? List.of("http", "broker") : List.of("http"));
      assertThat(
              ofKind(documents, "PodDisruptionBudget")
                  .at("/spec/selector/matchLabels/app.kubernetes.io~1name")
                  .asText())
          .isEqualTo(service);
      JsonNode autoscaler = ofKind(documents, "HorizontalPodAutoscaler");
      assertThat(autoscaler.at("/spec/scaleTargetRef/name").asText()).isEqualTo(service);
      assertThat(autoscaler.at("/spec/metrics/0/resource/name").asText()).isEqualTo("cpu");
    }
  }

  @Test
  void secretsAreGeneratedByEveryOverlayAndNeverCommitted() throws Exception {
    Set<String> referenced = new HashSet<>();
    Map<String, Set<String>> keys = new HashMap<>();
    try (Stream<Path> files = Files.walk(DEPLOY.resolve("kubernetes"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        for (JsonNode document : documents(file)) {
          assertThat(document.path("kind").asText())
              .as(file + " holds no Secret")
              .isNotEqualTo("Secret");
          collect(
              document,
              "secretKeyRef",
              ref -> {
                referenced.add(ref.get("name").asText());
                keys.computeIfAbsent(ref.get("name").asText(), n -> new HashSet<>())
                    .add(ref.get("key").asText());
              });
          collect(document, "secret", ref -> referenced.add(ref.path("secretName").asText()));
        }
      }
    }
    assertThat(referenced)
        .contains(
            "signet-db",
            "signet-api-keys",
            "signet-vault",
            "signet-jwt",
            "signet-shared-service-account");
    // the cluster CA and the KafkaUsers' certificates: Strimzi's operators write those Secrets
    Set<String> strimziSecrets = strimziSecrets();
    assertThat(referenced).containsAll(strimziSecrets);
    referenced.removeAll(strimziSecrets);
    keys.keySet().removeAll(strimziSecrets);
    for (String overlay : List.of("dev", "prod")) {
      JsonNode kustomization =
          load(DEPLOY.resolve("kubernetes/overlays/" + overlay + "/kustomization.yaml"));
      Map<String, JsonNode> generated = new HashMap<>();
      kustomization.get("secretGenerator").forEach(g -> generated.put(g.get("name").asText(), g));
      assertThat(generated.keySet()).as(overlay).containsAll(referenced);
      for (Map.Entry<String, Set<String>> secret : keys.entrySet()) {
        JsonNode generator = generated.get(secret.getKey());
        for (JsonNode env : generator.path("envs")) {
          Path example =
              DEPLOY
                  .resolve("kubernetes/overlays/" + overlay)
                  .resolve(env.asText().replace("secrets/", "secrets.example/"));
          Properties properties = new Properties();
          try (Reader reader = Files.newBufferedReader(example)) {
            properties.load(reader);
          }
          assertThat(properties.stringPropertyNames())
              .as(example.toString())
              .containsAll(secret.getValue());
          noUsableDefault(example, properties);
        }
      }
    }
    assertThat(Files.readString(ROOT.resolve(".gitignore")))
        .contains("deploy/kubernetes/overlays/*/secrets/");
  }

  @Test
  void kustomizationsListFilesThatExistAndOnlyServicesReachTheTokenBroker() throws Exception {
    for (String dir : List.of("base", "overlays/dev", "overlays/prod")) {
      JsonNode kustomization = load(DEPLOY.resolve("kubernetes/" + dir + "/kustomization.yaml"));
      for (JsonNode resource : kustomization.get("resources")) {
        assertThat(DEPLOY.resolve("kubernetes/" + dir).resolve(resource.asText()).normalize())
            .exists();
      }
    }
    JsonNode tenantPolicy = null;
    for (JsonNode document : documents(DEPLOY.resolve("kubernetes/base/network-policies.yaml"))) {
      if ("tenant-service".equals(document.at("/metadata/name").asText())) {
        tenantPolicy = document;
      }
    }
    assertThat(tenantPolicy).isNotNull();
    List<String> allowed = new ArrayList<>();
    for (JsonNode from : tenantPolicy.at("/spec/ingress/0/from")) {
      allowed.add(
          from.has("podSelector")
              ? "pods:" + from.at("/podSelector/matchLabels/signet.io~1role").asText()
              : "namespace:"
                  + from.at("/namespaceSelector/matchLabels/kubernetes.io~1metadata.name")
                      .asText());
    }
    assertThat(allowed)
        .containsExactlyInAnyOrder(
            "pods:service", "pods:onboarding", "namespace:ingress-nginx", "namespace:monitoring");
    assertThat(tenantPolicy.at("/spec/ingress/0/ports/0/port").asInt()).isEqualTo(8081);
    // the token broker's own port: Signet's services only
    JsonNode broker = tenantPolicy.at("/spec/ingress/1");
    assertThat(broker.at("/ports/0/port").asInt()).isEqualTo(8091);
    assertThat(broker.get("from")).hasSize(1);
    assertThat(broker.at("/from/0/podSelector/matchLabels/signet.io~1role").asText())
        .isEqualTo("service");
    assertThat(tenantPolicy.at("/spec/ingress").size()).isEqualTo(2);
    assertThat(
            ofKind(documents(DEPLOY.resolve("kubernetes/base/onboarding-job.yaml")), "Job")
                .at("/spec/template/metadata/labels/signet.io~1role")
                .asText())
        .isEqualTo("onboarding");
  }

  @Test
  void kafkaTopicsAreTheEventContractsTopicsWithTheirCleanupAndRetention() throws Exception {
    Map<String, JsonNode> topics = new HashMap<>();
    for (JsonNode document : documents(DEPLOY.resolve("kubernetes/base/kafka.yaml"))) {
      if ("KafkaTopic".equals(document.path("kind").asText())) {
        topics.put(document.at("/spec/topicName").asText(), document);
      }
    }
    assertThat(topics).hasSize(2 * EventType.values().length);
    for (EventType type : EventType.values()) {
      JsonNode topic = topics.get(type.topic());
      assertThat(topic).as(type.topic()).isNotNull();
      assertThat(topic.at("/spec/partitions").asInt()).isPositive();
      assertThat(map(topic.at("/spec/config"))).isEqualTo(type.topicConfig());
      JsonNode deadLetters = topics.get(type.deadLetterTopic());
      assertThat(deadLetters).as(type.deadLetterTopic()).isNotNull();
      assertThat(deadLetters.at("/spec/partitions").asInt()).isPositive();
      assertThat(map(deadLetters.at("/spec/config"))).isEqualTo(EventType.deadLetterTopicConfig());
    }
    assertThat(
            document("base/config.yaml", "ConfigMap").at("/data/KAFKA_BOOTSTRAP_SERVERS").asText())
        .startsWith(
            ofKind(documents(DEPLOY.resolve("kubernetes/base/kafka.yaml")), "Kafka")
                    .at("/metadata/name")
                    .asText()
                + "-kafka-bootstrap:");
  }

  @Test
  void kafkaIsReachedOnlyThroughStrimzisTlsListenerWithOneKafkaUserPerService() throws Exception {
    List<JsonNode> kafkaFiles = documents(DEPLOY.resolve("kubernetes/base/kafka.yaml"));
    JsonNode kafka = ofKind(kafkaFiles, "Kafka");
    JsonNode listeners = kafka.at("/spec/kafka/listeners");
    assertThat(listeners).as("one listener: no plaintext way in").hasSize(1);
    assertThat(listeners.at("/0/port").asInt()).isEqualTo(9093);
    assertThat(listeners.at("/0/tls").asBoolean()).isTrue();
    assertThat(listeners.at("/0/authentication/type").asText()).isEqualTo("tls");
    assertThat(kafka.at("/spec/kafka/authorization/type").asText()).isEqualTo("simple");
    assertThat(kafka.at("/spec/entityOperator/userOperator").isObject()).isTrue();
    String cluster = kafka.at("/metadata/name").asText();

    Map<String, String> config = map(document("base/config.yaml", "ConfigMap").get("data"));
    assertThat(config)
        .containsEntry("KAFKA_BOOTSTRAP_SERVERS", cluster + "-kafka-bootstrap:9093")
        .containsEntry("KAFKA_SECURITY_PROTOCOL", "SSL")
        .containsEntry("KAFKA_SSL_TRUSTSTORE_TYPE", "PKCS12")
        .containsEntry("KAFKA_SSL_KEYSTORE_TYPE", "PKCS12");

    Map<String, JsonNode> users = new HashMap<>();
    for (JsonNode user : documents(DEPLOY.resolve("kubernetes/base/kafka-users.yaml"))) {
      assertThat(user.path("kind").asText()).isEqualTo("KafkaUser");
      assertThat(user.at("/metadata/labels/strimzi.io~1cluster").asText()).isEqualTo(cluster);
      users.put(user.at("/metadata/name").asText(), user);
    }
    assertThat(users.keySet()).containsExactlyInAnyOrderElementsOf(SERVICES);
    for (String service : SERVICES) {
      JsonNode user = users.get(service);
      assertThat(user.at("/spec/authentication/type").asText()).isEqualTo("tls");
      assertThat(user.at("/spec/authorization/type").asText()).isEqualTo("simple");
      Map<String, Set<String>> granted = new HashMap<>();
      for (JsonNode acl : user.at("/spec/authorization/acls")) {
        assertThat(acl.at("/resource/patternType").asText()).isEqualTo("literal");
        Set<String> operations = new HashSet<>();
        acl.get("operations").forEach(o -> operations.add(o.asText()));
        granted.put(
            acl.at("/resource/type").asText() + ":" + acl.at("/resource/name").asText(),
            operations);
      }
      Properties properties = properties(service);
      Set<String> expected = new HashSet<>();
      for (String name : properties.stringPropertyNames()) {
        Matcher channel =
            Pattern.compile("mp\\.messaging\\.incoming\\.([a-z-]+)\\.topic").matcher(name);
        if (channel.matches()) {
          String topic = properties.getProperty(name);
          String group =
              properties.getProperty("mp.messaging.incoming." + channel.group(1) + ".group.id");
          assertThat(granted.get("topic:" + topic))
              .as(service + " reads " + topic)
              .contains("Read");
          assertThat(granted.get("group:" + group)).as(service + "'s group").contains("Read");
          String deadLetters = EventType.ofTopic(topic).deadLetterTopic();
          assertThat(granted.get("topic:" + deadLetters))
              .as(service + " writes " + deadLetters)
              .contains("Write");
          expected.addAll(List.of("topic:" + topic, "group:" + group, "topic:" + deadLetters));
        }
      }
      for (String topic : PRODUCED.get(service)) {
        assertThat(granted.get("topic:" + topic))
            .as(service + " writes " + topic)
            .contains("Write");
        expected.add("topic:" + topic);
      }
      assertThat(granted.keySet())
          .as(service + "'s ACLs: nothing beyond its own topics")
          .containsExactlyInAnyOrderElementsOf(expected);

      assertThat(properties.getProperty("kafka.security.protocol"))
          .isEqualTo("${KAFKA_SECURITY_PROTOCOL:PLAINTEXT}");
      JsonNode deployment =
          ofKind(documents(DEPLOY.resolve("kubernetes/base/" + service + ".yaml")), "Deployment");
      JsonNode container = deployment.at("/spec/template/spec/containers/0");
      Map<String, JsonNode> env = new HashMap<>();
      container.get("env").forEach(v -> env.put(v.get("name").asText(), v.get("valueFrom")));
      for (String name :
          List.of(
              "KAFKA_BOOTSTRAP_SERVERS",
              "KAFKA_SECURITY_PROTOCOL",
              "KAFKA_SSL_TRUSTSTORE_TYPE",
              "KAFKA_SSL_TRUSTSTORE_LOCATION",
              "KAFKA_SSL_KEYSTORE_TYPE",
              "KAFKA_SSL_KEYSTORE_LOCATION")) {
        assertThat(env.get(name).at("/configMapKeyRef/key").asText()).as(service).isEqualTo(name);
      }
      assertThat(env.get("KAFKA_SSL_KEYSTORE_PASSWORD").get("secretKeyRef").toString())
          .isEqualTo("{\"name\":\"" + service + "\",\"key\":\"user.password\"}");
      assertThat(env.get("KAFKA_SSL_TRUSTSTORE_PASSWORD").get("secretKeyRef").toString())
          .isEqualTo("{\"name\":\"" + cluster + "-cluster-ca-cert\",\"key\":\"ca.password\"}");
      Map<String, String> mounted = new HashMap<>();
      Map<String, String> secretOfVolume = new HashMap<>();
      deployment
          .at("/spec/template/spec/volumes")
          .forEach(
              v -> secretOfVolume.put(v.get("name").asText(), v.at("/secret/secretName").asText()));
      container
          .get("volumeMounts")
          .forEach(
              m ->
                  mounted.put(
                      m.get("mountPath").asText(), secretOfVolume.get(m.get("name").asText())));
      assertThat(mounted)
          .containsEntry(directory(config.get("KAFKA_SSL_KEYSTORE_LOCATION")), service)
          .containsEntry(
              directory(config.get("KAFKA_SSL_TRUSTSTORE_LOCATION")), cluster + "-cluster-ca-cert");
    }
  }

  @Test
  void kedaReadsConsumerLagThroughTheTlsListenerAsAUserThatMayOnlyDescribe() throws Exception {
    List<JsonNode> keda = documents(DEPLOY.resolve("kubernetes/overlays/prod/keda.yaml"));
    String bootstrap =
        document("base/config.yaml", "ConfigMap").at("/data/KAFKA_BOOTSTRAP_SERVERS").asText();
    Set<String> authentications = new HashSet<>();
    keda.stream()
        .filter(d -> "TriggerAuthentication".equals(d.path("kind").asText()))
        .forEach(d -> authentications.add(d.at("/metadata/name").asText()));
    int kafkaTriggers = 0;
    for (JsonNode scaled : keda) {
      for (JsonNode trigger : scaled.at("/spec/triggers")) {
        if ("kafka".equals(trigger.path("type").asText())) {
          kafkaTriggers++;
          assertThat(trigger.at("/metadata/bootstrapServers").asText()).isEqualTo(bootstrap);
          assertThat(trigger.at("/metadata/tls").asText()).isEqualTo("enable");
          assertThat(authentications).contains(trigger.at("/authenticationRef/name").asText());
        }
      }
    }
    assertThat(kafkaTriggers).isEqualTo(2);
    JsonNode reader = ofKind(keda, "KafkaUser");
    assertThat(reader.at("/spec/authentication/type").asText()).isEqualTo("tls");
    for (JsonNode acl : reader.at("/spec/authorization/acls")) {
      assertThat(acl.get("operations").toString()).isEqualTo("[\"Describe\"]");
    }
  }

  @Test
  void noKafkaSettingIsFixedInJavaMainCode() throws Exception {
    // a client setting as a literal or constant, or a kafka.* property read on its own
    Pattern fixed =
        Pattern.compile(
            "BOOTSTRAP_SERVERS_CONFIG|SECURITY_PROTOCOL_CONFIG|SaslConfigs\\.|SslConfigs\\."
                + "|\"(kafka\\.)?(bootstrap\\.servers|security\\.protocol|sasl\\.[a-z.]+|ssl\\.[a-z.]+)\"");
    Path bean =
        ROOT.resolve(
            "service-support/src/main/java/io/signet/support/kafka/KafkaClientConfig.java");
    List<String> offenders = new ArrayList<>();
    int scanned = 0;
    try (Stream<Path> modules = Files.list(ROOT)) {
      for (Path module : modules.filter(Files::isDirectory).toList()) {
        // the broker launcher and test support configure brokers and test clients; deploy's
        // launcher writes the local stack's configuration; none of them is a service
        if (List.of("kafka-broker", "testing", "deploy").contains(module.getFileName().toString())
            || !Files.isDirectory(module.resolve("src/main/java"))) {
          continue;
        }
        try (Stream<Path> files = Files.walk(module.resolve("src/main/java"))) {
          for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
            scanned++;
            if (file.equals(bean)) {
              continue;
            }
            Matcher matcher = fixed.matcher(Files.readString(file));
            while (matcher.find()) {
              offenders.add(ROOT.relativize(file) + ": " + matcher.group());
            }
          }
        }
      }
    }
    assertThat(scanned).as("the services' sources were scanned").isGreaterThan(100);
    assertThat(Files.readString(bean)).contains("getPropertyNames()");
    assertThat(offenders).as("Kafka settings come from kafka.* configuration").isEmpty();
  }

  // ---------------------------------------------------------------- the services' configuration

  /** The topics each service publishes (its channels' topics are read from its configuration). */
  private static final Map<String, List<String>> PRODUCED =
      Map.of(
          "tenant-service", List.of("signet.tenants"),
          "directory-sync-service", List.of("signet.directory-users"),
          "render-service", List.of("signet.signatures"),
          "push-service", List.of("signet.push-results", "signet.send-as"));

  /** The Secrets Strimzi writes: the cluster CA certificate and one per KafkaUser. */
  private static Set<String> strimziSecrets() throws IOException {
    Set<String> secrets = new HashSet<>();
    secrets.add(
        ofKind(documents(DEPLOY.resolve("kubernetes/base/kafka.yaml")), "Kafka")
                .at("/metadata/name")
                .asText()
            + "-cluster-ca-cert");
    for (JsonNode user : documents(DEPLOY.resolve("kubernetes/base/kafka-users.yaml"))) {
      secrets.add(user.at("/metadata/name").asText());
    }
    return secrets;
  }

  private static String directory(String file) {
    return file.substring(0, file.lastIndexOf('/'));
  }

  /** An example secrets file leaves every secret empty: nothing in it can be deployed as is. */
  private static void noUsableDefault(Path example, Properties properties) {
    for (String name : properties.stringPropertyNames()) {
      if (SENSITIVE.matcher(name.toUpperCase()).matches()
          || example.getFileName().toString().matches("(api-keys|db|vault)\\.env")) {
        assertThat(properties.getProperty(name)).as("%s: %s", example, name).isEmpty();
      }
    }
  }

  /** The service's HTTP port, from its application.properties. */
  private static int httpPort(String service) throws IOException {
    return Integer.parseInt(properties(service).getProperty("quarkus.http.port"));
  }

  /** A container's ports by name. */
  private static Map<String, Integer> namedPorts(JsonNode container) {
    Map<String, Integer> ports = new java.util.LinkedHashMap<>();
    container
        .path("ports")
        .forEach(p -> ports.put(p.path("name").asText(), p.path("containerPort").asInt()));
    return ports;
  }

  /** The default of {@code quarkus.management.port=${SIGNET_MANAGEMENT_PORT:908x}}. */
  private static int managementPort(String service) throws IOException {
    Matcher matcher =
        Pattern.compile("\\$\\{SIGNET_MANAGEMENT_PORT:(\\d+)}")
            .matcher(properties(service).getProperty("quarkus.management.port"));
    assertThat(matcher.matches()).as(service + "'s quarkus.management.port").isTrue();
    return Integer.parseInt(matcher.group(1));
  }

  private static String dbUrl(String service) throws IOException {
    Matcher matcher =
        Pattern.compile("\\$\\{([A-Z_]+):")
            .matcher(properties(service).getProperty("quarkus.datasource.jdbc.url"));
    assertThat(matcher.find()).isTrue();
    return matcher.group(1);
  }

  /**
   * Whether the service reads {@code variable}: a placeholder of its application.properties, or an
   * environment form of a property under one of the configuration prefixes its code (or the shared
   * service-support) maps.
   */
  private static boolean knownSetting(String service, String variable) throws IOException {
    String text =
        Files.readString(ROOT.resolve(service + "/src/main/resources/application.properties"));
    if (text.contains("${" + variable + ":") || text.contains("${" + variable + "}")) {
      return true;
    }
    // every KAFKA_* variable is a kafka.* client setting (KafkaClientConfig, and Quarkus' channels)
    if (variable.startsWith("KAFKA_") && text.contains("\nkafka.bootstrap.servers=")) {
      return true;
    }
    for (String prefix : mappedPrefixes(service)) {
      String env = prefix.toUpperCase().replace('.', '_').replace('-', '_') + "_";
      if (variable.startsWith(env)) {
        return true;
      }
    }
    return false;
  }

  private static Set<String> mappedPrefixes(String service) throws IOException {
    Set<String> prefixes = new HashSet<>();
    Pattern mapping = Pattern.compile("@ConfigMapping\\(prefix = \"([a-z.-]+)\"\\)");
    for (Path source :
        List.of(
            ROOT.resolve(service + "/src/main/java"),
            ROOT.resolve("service-support/src/main/java"))) {
      try (Stream<Path> files = Files.walk(source)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          Matcher matcher = mapping.matcher(Files.readString(file));
          while (matcher.find()) {
            prefixes.add(matcher.group(1));
          }
        }
      }
    }
    return prefixes;
  }

  private static Properties properties(String service) throws IOException {
    Properties properties = new Properties();
    try (Reader reader =
        Files.newBufferedReader(
            ROOT.resolve(service + "/src/main/resources/application.properties"))) {
      properties.load(reader);
    }
    return properties;
  }

  // ---------------------------------------------------------------- YAML

  /** A YAML file as a tree; SnakeYAML resolves anchors, aliases and merge keys. */
  private static JsonNode load(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file)) {
      return JSON.valueToTree(new Yaml().load(reader));
    }
  }

  private static List<JsonNode> documents(Path file) throws IOException {
    List<JsonNode> documents = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(file)) {
      for (Object document : new Yaml().loadAll(reader)) {
        if (document != null) {
          documents.add(JSON.valueToTree(document));
        }
      }
    }
    return documents;
  }

  private static JsonNode document(String relative, String kind) throws IOException {
    return ofKind(documents(DEPLOY.resolve("kubernetes").resolve(relative)), kind);
  }

  private static JsonNode ofKind(List<JsonNode> documents, String kind) {
    return documents.stream()
        .filter(d -> kind.equals(d.path("kind").asText()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind));
  }

  private static void collect(
      JsonNode node, String field, java.util.function.Consumer<JsonNode> found) {
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              entry -> {
                if (entry.getKey().equals(field) && entry.getValue().isObject()) {
                  found.accept(entry.getValue());
                }
                collect(entry.getValue(), field, found);
              });
    } else if (node.isArray()) {
      node.forEach(child -> collect(child, field, found));
    }
  }

  private static Map<String, String> map(JsonNode node) {
    Map<String, String> map = new HashMap<>();
    node.fields().forEachRemaining(entry -> map.put(entry.getKey(), entry.getValue().asText()));
    return map;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
