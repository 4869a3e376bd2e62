package io.signet.deploy;

import io.signet.google.GoogleScopes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The local stack's processes: where each listens, how each is started and configured, whether it
 * is up. Ports are the defaults plus {@code SIGNET_PORT_OFFSET}, fixed in {@code stack.properties}
 * by the first {@code up}.
 */
final class Stack {

  static final String CUSTOMER_ID = "C0demo01";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final String SERVICE_JVM_OPTIONS =
      "-Xms64m -Xmx320m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

  static final int MANAGEMENT_PORT_OFFSET = 1000;

  private final StackHome home;
  private final Path repository;
  private final Map<Component, Integer> ports = new EnumMap<>(Component.class);
  private final String databasePrefix;
  private final JsonHttp http = new JsonHttp();

  Stack(StackHome home, Path repository, int portOffset) {
    this.home = home;
    this.repository = repository;
    int offset = Integer.parseInt(home.getOrSet("ports.offset", Integer.toString(portOffset)));
    for (Component component : Component.values()) {
      ports.put(component, component.defaultPort + offset);
    }
    // a fresh folder never meets databases an earlier stack left on a shared server
    this.databasePrefix =
        home.getOrSet(
            "db.prefix",
            "signet_"
                + Long.toString(new SecureRandom().nextLong() >>> 1, 36).substring(0, 6)
                + "_");
  }

  StackHome home() {
    return home;
  }

  int port(Component component) {
    return ports.get(component);
  }

  String url(Component component) {
    return "http://127.0.0.1:" + port(component);
  }

  /**
   * A component's second port: Kafka's controller (the next one), tenant-service's token broker
   * (ten above: 8091 by default), which only the services call, apart from the public API.
   */
  int secondPort(Component component) {
    return port(component) + (component == Component.TENANT ? 10 : 1);
  }

  /** A service's management port, its API port + 1000: /q/health, /q/metrics, /q/openapi. */
  int managementPort(Component service) {
    return port(service) + MANAGEMENT_PORT_OFFSET;
  }

  String managementUrl(Component service) {
    return "http://127.0.0.1:" + managementPort(service);
  }

  BackgroundProcess process(Component component) {
    return new BackgroundProcess(home, component.id);
  }

  String databasePrefix() {
    return databasePrefix;
  }

  /** The PostgreSQL the services use: the local server if it answered at the first {@code up}. */
  Postgres postgres() {
    return embeddedPostgres()
        ? new Postgres("127.0.0.1", port(Component.POSTGRES), "postgres", "")
        : localPostgres();
  }

  /** Whether the stack runs its own (embedded) PostgreSQL, decided once by the first {@code up}. */
  boolean embeddedPostgres() {
    String mode = home.get("postgres.mode").orElse(null);
    if (mode == null) {
      mode = localPostgres().answers() ? "local" : "embedded";
      home.set("postgres.mode", mode);
    }
    return mode.equals("embedded");
  }

  private static Postgres localPostgres() {
    return new Postgres(
        env("SIGNET_DB_HOST", "127.0.0.1"),
        Integer.parseInt(env("SIGNET_DB_PORT", "5432")),
        env("SIGNET_DB_USER", "postgres"),
        env("SIGNET_DB_PASSWORD", ""));
  }

  /**
   * The components this stack runs: PostgreSQL only when embedded, Prometheus only when Debian's
   * {@code prometheus} package (or another on the PATH) is installed.
   */
  List<Component> components() {
    List<Component> components = new ArrayList<>(List.of(Component.values()));
    if (!embeddedPostgres()) {
      components.remove(Component.POSTGRES);
    }
    if (prometheusBinary().isEmpty()) {
      components.remove(Component.PROMETHEUS);
    }
    return components;
  }

  static java.util.Optional<Path> prometheusBinary() {
    List<String> dirs = new ArrayList<>(List.of(env("PATH", "/usr/bin").split(":")));
    dirs.add("/usr/bin");
    return dirs.stream()
        .map(dir -> Path.of(dir, "prometheus"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /**
   * Starts Prometheus scraping the four services every 5 s with Signet's alert rules ({@code
   * deploy/prometheus/rules}); its data in {@code prometheus/}.
   */
  void startPrometheus() {
    Path dir = home.resolve("prometheus");
    StringBuilder config =
        new StringBuilder(
            "global:\n  scrape_interval: 5s\n  evaluation_interval: 5s\nrule_files:\n  - "
                + repository.resolve("deploy/prometheus/rules/signet.rules.yml")
                + "\nscrape_configs:\n");
    for (Component service : Component.SERVICES) {
      config
          .append("  - job_name: ")
          .append(service.id)
          .append(
              "\n    metrics_path: /q/metrics\n    static_configs:\n      - targets: [\"127.0.0.1:")
          .append(managementPort(service))
          .append("\"]\n");
    }
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("prometheus.yml"), config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    process(Component.PROMETHEUS)
        .start(
            List.of(
                prometheusBinary().orElseThrow().toString(),
                "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port(Component.PROMETHEUS),
                "--log.level=warn"));
    await(Component.PROMETHEUS, () -> http.answers(url(Component.PROMETHEUS) + "/-/ready"));
  }

  /**
   * Ports another program holds, for components of this stack that are not running.
   *
   * @return one readable line per taken port
   */
  List<String> takenPorts() {
    List<String> taken = new ArrayList<>();
    for (Component component : components()) {
      if (process(component).isRunning()) {
        continue;
      }
      List<Integer> needed = new ArrayList<>(List.of(port(component)));
      if (component == Component.KAFKA || component == Component.TENANT) {
        needed.add(secondPort(component));
      }
      if (component.isService()) {
        needed.add(managementPort(component));
      }
      for (int port : needed) {
        if (!isFree(port)) {
          taken.add("port " + port + " (" + component.id + ") is used by another program");
        }
      }
    }
    return taken;
  }

  // ---------------------------------------------------------------- starting

  void startPostgres() {
    process(Component.POSTGRES)
        .startJava(
            List.of(
                "-Xmx256m", // unpacking PostgreSQL's binaries the first time takes room
                "-cp",
                System.getProperty("java.class.path"),
                EmbeddedPostgresMain.class.getName(),
                home.resolve("postgres").toString(),
                Integer.toString(port(Component.POSTGRES))));
    await(Component.POSTGRES, () -> postgres().answers());
  }

  void startKafka() {
    process(Component.KAFKA)
        .startJava(
            List.of(
                "-Xmx64m",
                "-cp",
                codeSource(io.signet.kafka.broker.KafkaBrokerMain.class),
                "io.signet.kafka.broker.KafkaBrokerMain",
                home.resolve("kafka").toString(),
                Integer.toString(port(Component.KAFKA)),
                Integer.toString(secondPort(Component.KAFKA))));
    await(Component.KAFKA, () -> accepts(port(Component.KAFKA)));
  }

  /** Starts the emulator seeded with the demo Workspace; its seed result holds the key JSON. */
  void startEmulator() {
    Path seed = repository.resolve("workspace-emulator/examples/demo-seed.json");
    Path result = seedResult();
    try {
      Files.deleteIfExists(result);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    process(Component.EMULATOR)
        .startJava(
            List.of(
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                "io.signet.emulator.WorkspaceEmulatorMain",
                "--port",
                Integer.toString(port(Component.EMULATOR)),
                "--seed",
                seed.toString(),
                "--write-seed-result",
                result.toString(),
                // the local stack's webhook is plain http on 127.0.0.1, which Google refuses
                "--allow-http-webhooks"));
    await(
        Component.EMULATOR,
        () -> Files.exists(result) && http.answers(url(Component.EMULATOR) + "/emulator/v1/stats"));
  }

  Path seedResult() {
    return home.resolve("emulator/seed-result.json");
  }

  /** Starts every service that is not running, at once, and waits until each is ready. */
  void startServices(List<Component> services) {
    ensureTokenKeys();
    for (Component service : services) {
      postgres().ensureDatabase(databasePrefix + service.databaseSuffix());
      process(service).startJava(serviceCommand(service), writeServiceConfig(service));
    }
    for (Component service : services) {
      await(service, () -> http.answers(managementUrl(service) + "/q/health/ready"));
    }
  }

  /** A service's command line after {@code java}: JVM options and its jar, nothing secret. */
  List<String> serviceCommand(Component service) {
    List<String> args = new ArrayList<>(List.of(jvmOptions().split(" ")));
    args.add("-jar");
    args.add(serviceJar(service).toString());
    return args;
  }

  /**
   * Writes a service's configuration, keys and passwords included, to {@code
   * <service>/config/application.properties} (owner-only), which Quarkus reads from its working
   * directory above its own: nothing secret goes on the command line.
   *
   * @return the service's working directory
   */
  Path writeServiceConfig(Component service) {
    Path dir = home.resolve(service.id);
    Path file = dir.resolve("config/application.properties");
    java.util.Properties properties = new java.util.Properties();
    properties.putAll(serviceConfig(service));
    try {
      Files.createDirectories(file.getParent());
      Files.deleteIfExists(file);
      Files.createFile(
          file,
          java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
              java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
      try (var out = Files.newBufferedWriter(file)) {
        properties.store(out, "written by ./signet up for " + service.id);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }

  /** What a service is given: its database, the broker, the emulator as Google, its keys. */
  Map<String, String> serviceConfig(Component service) {
    Postgres postgres = postgres();
    String emulator = url(Component.EMULATOR);
    Map<String, String> config = new LinkedHashMap<>();
    // the local stack is for this machine only: every port on the loopback interface
    config.put("quarkus.http.host", "127.0.0.1");
    config.put("quarkus.http.port", Integer.toString(port(service)));
    config.put("quarkus.management.host", "127.0.0.1");
    config.put("quarkus.management.port", Integer.toString(managementPort(service)));
    config.put(
        "quarkus.datasource.jdbc.url", postgres.jdbcUrl(databasePrefix + service.databaseSuffix()));
    config.put("quarkus.datasource.username", postgres.user());
    config.put("quarkus.datasource.password", postgres.password());
    config.put("kafka.bootstrap.servers", "127.0.0.1:" + port(Component.KAFKA));
    config.put("signet.google.token-uri", emulator + "/token");
    config.put("signet.google.gmail-root-url", emulator + "/");
    config.put("signet.google.directory-root-url", emulator + "/");
    config.put("mp.jwt.verify.publickey.location", home.resolve("keys/jwt-public.pem").toString());
    switch (service) {
      case TENANT -> {
        config.put(
            "smallrye.jwt.sign.key.location", home.resolve("keys/jwt-private.pem").toString());
        config.put("signet.vault.active-key-id", "local");
        config.put("signet.vault.master-keys.local", masterKey());
        config.put("signet.broker.port", Integer.toString(secondPort(Component.TENANT)));
        config.put("signet.broker.host", "127.0.0.1");
        config.put("signet.auth.operator-key", operatorKey());
        config.put("signet.auth.service-keys.directory-sync", serviceKey(Component.DIRECTORY));
        config.put("signet.auth.service-keys.push", serviceKey(Component.PUSH));
        // the token broker mints each service only the scopes it needs
        config.put(
            "signet.auth.service-scopes.directory-sync",
            String.join(
                ",", GoogleScopes.DIRECTORY_USER_READONLY, GoogleScopes.DIRECTORY_GROUP_READONLY));
        config.put(
            "signet.auth.service-scopes.push",
            String.join(
                ",", GoogleScopes.GMAIL_SETTINGS_BASIC, GoogleScopes.GMAIL_SETTINGS_SHARING));
      }
      case DIRECTORY -> {
        config.put("signet.tenant-service.url", url(Component.TENANT));
        config.put("signet.tenant-service.broker-url", brokerUrl());
        config.put("signet.tenant-service.api-key", serviceKey(Component.DIRECTORY));
        config.put("signet.directory.webhook-base-url", url(Component.DIRECTORY));
        // local only: the emulator (started with --allow-http-webhooks) delivers over http
        config.put("signet.directory.webhook-allow-http", "true");
      }
      case PUSH -> {
        config.put("signet.tenant-service.url", url(Component.TENANT));
        config.put("signet.tenant-service.broker-url", brokerUrl());
        config.put("signet.tenant-service.api-key", serviceKey(Component.PUSH));
      }
      default -> {
        // render-service needs nothing more
      }
    }
    return config;
  }

  private String brokerUrl() {
    return "http://127.0.0.1:" + secondPort(Component.TENANT);
  }

  String operatorKey() {
    return home.secret("operator.api-key", 24);
  }

  private String serviceKey(Component service) {
    return home.secret(service.id + ".api-key", 24);
  }

  /** The vault's AES-256 master key (standard base64, as tenant-service reads it). */
  private String masterKey() {
    return home.get("vault.master-key")
        .orElseGet(
            () -> {
              byte[] key = new byte[32];
              new SecureRandom().nextBytes(key);
              return home.getOrSet("vault.master-key", Base64.getEncoder().encodeToString(key));
            });
  }

  private void ensureTokenKeys() {
    Path privateKey = home.resolve("keys/jwt-private.pem");
    Path publicKey = home.resolve("keys/jwt-public.pem");
    if (Files.exists(privateKey) && Files.exists(publicKey)) {
      return;
    }
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      var pair = generator.generateKeyPair();
      Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
      Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    } catch (NoSuchAlgorithmException | IOException e) {
      throw new IllegalStateException("cannot write the access-token keys", e);
    }
  }

  private static String pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  private String jvmOptions() {
    return env("SIGNET_SERVICE_JVM_OPTIONS", SERVICE_JVM_OPTIONS);
  }

  Path serviceJar(Component service) {
    return repository.resolve(service.id + "/target/quarkus-app/quarkus-run.jar");
  }

  /** Waits for a component to answer; fails with its log's tail when it dies or is too slow. */
  private void await(Component component, BooleanSupplier ready) {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    BackgroundProcess process = process(component);
    while (!ready.getAsBoolean()) {
      if (!process.isRunning()) {
        throw new StackException(
            component.id
                + " stopped while starting; the end of "
                + home.log(component.id)
                + ":\n"
                + process.tail(30));
      }
      if (Instant.now().isAfter(deadline)) {
        throw new StackException(
            component.id
                + " was not ready within "
                + START_TIMEOUT.toSeconds()
                + " s; the end of "
                + home.log(component.id)
                + ":\n"
                + process.tail(30));
      }
      sleep(250);
    }
  }

  /** Whether the component answers now (health for services). */
  boolean healthy(Component component) {
    return switch (component) {
      case POSTGRES -> postgres().answers();
      case KAFKA -> accepts(port(component));
      case EMULATOR -> http.answers(url(component) + "/emulator/v1/stats");
      case PROMETHEUS -> http.answers(url(component) + "/-/ready");
      default -> http.answers(managementUrl(component) + "/q/health/ready");
    };
  }

  private static String codeSource(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether nothing listens on {@code port} and it can be bound on 127.0.0.1. */
  static boolean isFree(int port) {
    if (accepts(port)) {
      return false;
    }
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("interrupted");
    }
  }

  static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
