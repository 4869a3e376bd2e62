package io.signet.kafka.broker;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The broker's SASL_SSL listener on 127.0.0.1: TLS with a self-signed certificate (for {@code
 * 127.0.0.1} and {@code localhost}, so clients verify the host name as they would in production)
 * and SCRAM-SHA-512 authentication of one user. The key store, trust store (PKCS12, made with the
 * JDK's {@code keytool}) and the user's password are made once per data directory, at random, and
 * kept in {@code <data-dir>/sasl-ssl/}: nothing secret is committed.
 */
public final class SaslSslListener {

  /** The SCRAM user clients authenticate as. */
  public static final String USER = "signet";

  public static final String MECHANISM = "SCRAM-SHA-512";

  private static final String CREDENTIALS = "credentials.properties";
  private static final String KEY_STORE = "broker-keystore.p12";
  private static final String TRUST_STORE = "truststore.p12";

  private final Path dir;
  private final int port;
  private final Properties secrets;
  private final boolean created;

  private SaslSslListener(Path dir, int port, Properties secrets, boolean created) {
    this.dir = dir;
    this.port = port;
    this.secrets = secrets;
    this.created = created;
  }

  /** The listener's stores and credentials in {@code dir}, made there unless an earlier run did. */
  static SaslSslListener prepare(Path dir, int port) {
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve(CREDENTIALS);
      Properties secrets = new Properties();
      if (Files.exists(file)) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
          secrets.load(in);
        }
        return new SaslSslListener(dir, port, secrets, false);
      }
      secrets.setProperty("keystore.password", randomSecret());
      secrets.setProperty("truststore.password", randomSecret());
      secrets.setProperty("user.password", randomSecret());
      SaslSslListener listener = new SaslSslListener(dir, port, secrets, true);
      listener.makeStores();
      try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        secrets.store(out, "made at random by kafka-broker for this data directory");
      }
      return listener;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the SASL_SSL listener in " + dir, e);
    }
  }

  /** The {@code bootstrap.servers} value of this listener. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /**
   * What a Kafka client needs to connect: {@code bootstrap.servers}, {@code security.protocol},
   * {@code sasl.mechanism}, {@code sasl.jaas.config} and the PKCS12 trust store.
   */
  public Map<String, String> clientConfig() {
    return Map.of(
        "bootstrap.servers", bootstrapServers(),
        "security.protocol", "SASL_SSL",
        "sasl.mechanism", MECHANISM,
        "sasl.jaas.config", jaasConfig(USER, secrets.getProperty("user.password")),
        "ssl.truststore.location", trustStore().toString(),
        "ssl.truststore.password", secrets.getProperty("truststore.password"),
        "ssl.truststore.type", "PKCS12");
  }

  /** The JAAS line of a SCRAM login, as clients configure it. */
  public static String jaasConfig(String user, String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
        + user
        + "\" password=\""
        + password
        + "\";";
  }

  public Path trustStore() {
    return dir.resolve(TRUST_STORE).toAbsolutePath();
  }

  /** Whether the credentials were made now (so the storage must be formatted with the user). */
  boolean created() {
    return created;
  }

  /** The {@code kafka-storage format} argument that creates the user in the KRaft metadata. */
  List<String> formatArguments() {
    return List.of(
        "--add-scram",
        MECHANISM + "=[name=" + USER + ",password=" + secrets.getProperty("user.password") + "]");
  }

  /** The broker's settings for this listener, beside the PLAINTEXT and CONTROLLER ones. */
  List<String> serverProperties() {
    String prefix = "listener.name.sasl_ssl.";
    String keyStorePassword = secrets.getProperty("keystore.password");
    return List.of(
        "sasl.enabled.mechanisms=" + MECHANISM,
        prefix + "sasl.enabled.mechanisms=" + MECHANISM,
        prefix
            + MECHANISM.toLowerCase()
            + ".sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;",
        prefix + "ssl.keystore.type=PKCS12",
        prefix + "ssl.keystore.location=" + dir.resolve(KEY_STORE).toAbsolutePath(),
        prefix + "ssl.keystore.password=" + keyStorePassword,
        prefix + "ssl.key.password=" + keyStorePassword,
        prefix + "ssl.client.auth=none");
  }

  private void makeStores() throws IOException {
    String keyStorePassword = secrets.getProperty("keystore.password");
    Path keyStore = dir.resolve(KEY_STORE);
    Path certificate = dir.resolve("broker.crt");
    Files.deleteIfExists(keyStore);
    Files.deleteIfExists(trustStore());
    keytool(
        "-genkeypair",
        "-alias",
        "broker",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-validity",
        "3650",
        "-dname",
        "CN=localhost",
        "-ext",
        "SAN=ip:127.0.0.1,dns:localhost",
        "-storetype",
        "PKCS12",
        "-keystore",
        keyStore.toString(),
        "-storepass",
        keyStorePassword,
        "-keypass",
        keyStorePassword);
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "broker",
        "-storetype",
        "PKCS12",
        "-keystore",
        keyStore.toString(),
        "-storepass",
        keyStorePassword,
        "-file",
        certificate.toString());
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "broker",
        "-file",
        certificate.toString(),
        "-storetype",
        "PKCS12",
        "-keystore",
        trustStore().toString(),
        "-storepass",
        secrets.getProperty("truststore.password"));
  }

  private void keytool(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Path log = dir.resolve("keytool.log");
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "keytool " + args[0] + " failed:\n" + Files.readString(log, StandardCharsets.UTF_8));
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running keytool", e);
    }
  }

  /** 24 random letters and digits: no quoting needed in a JAAS line or a command argument. */
  private static String randomSecret() {
    String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    SecureRandom random = new SecureRandom();
    StringBuilder secret = new StringBuilder();
    for (int i = 0; i < 24; i++) {
      secret.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return secret.toString();
  }
}
