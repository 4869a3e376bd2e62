package io.signet.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;

/**
 * The local stack's one folder: every component's data, logs and process ids, and {@code
 * stack.properties} — the ports, the generated secrets and the demo tenant, so that a second {@code
 * up} resumes what the first one made. Readable by its owner only, since it holds keys.
 *
 * <pre>
 * stack.properties   ports, database names, API keys, master key, demo tenant id and API key
 * keys/              the access-token signing key pair
 * postgres/          the embedded PostgreSQL's data (when no local server answers)
 * kafka/             the broker's data
 * emulator/          the seed and what seeding created (service-account key)
 * logs/&lt;name&gt;.log   each process's output
 * run/&lt;name&gt;.pid    each running process
 * </pre>
 */
final class StackHome {

  private final Path root;
  private final Properties properties = new Properties();

  private StackHome(Path root) {
    this.root = root;
  }

  /** Opens (and creates) the folder, reading what an earlier run saved. */
  static StackHome open(Path root) {
    StackHome home = new StackHome(root.toAbsolutePath().normalize());
    try {
      Files.createDirectories(home.root);
      restrictToOwner(home.root);
      for (String dir : new String[] {"keys", "logs", "run", "emulator"}) {
        Files.createDirectories(home.root.resolve(dir));
      }
      Path file = home.file();
      if (Files.exists(file)) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
          home.properties.load(reader);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot use " + root + " as the stack's folder", e);
    }
    return home;
  }

  Path root() {
    return root;
  }

  Path resolve(String relative) {
    return root.resolve(relative);
  }

  Path log(String component) {
    return root.resolve("logs").resolve(component + ".log");
  }

  Path pidFile(String component) {
    return root.resolve("run").resolve(component + ".pid");
  }

  Optional<String> get(String key) {
    return Optional.ofNullable(properties.getProperty(key));
  }

  /** The saved value, or {@code initial} saved now. */
  String getOrSet(String key, String initial) {
    String value = properties.getProperty(key);
    if (value == null) {
      set(key, initial);
      return initial;
    }
    return value;
  }

  /** The saved secret, or a new random one saved now. */
  String secret(String key, int bytes) {
    return get(key).orElseGet(() -> getOrSet(key, random(bytes)));
  }

  void set(String key, String value) {
    properties.setProperty(key, value);
    save();
  }

  void remove(String key) {
    if (properties.remove(key) != null) {
      save();
    }
  }

  private Path file() {
    return root.resolve("stack.properties");
  }

  private void save() {
    try (Writer writer = Files.newBufferedWriter(file(), StandardCharsets.UTF_8)) {
      properties.store(writer, "Signet local stack: ports, secrets and the demo tenant");
      restrictToOwner(file());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save " + file(), e);
    }
  }

  private static String random(int bytes) {
    byte[] value = new byte[bytes];
    new SecureRandom().nextBytes(value);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
  }

  private static void restrictToOwner(Path path) throws IOException {
    try {
      Files.setPosixFilePermissions(
          path,
          PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwx------" : "rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: nothing to restrict
    }
  }
}
