package io.signet.emulator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.signet.emulator.seed.Seed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs the emulator standalone: {@code java -jar signet-workspace-emulator.jar [--port N] [--host
 * H] [--seed seed.json] [--write-seed-result result.json] [--allow-http-webhooks]}. The seed result
 * holds the created service accounts' key JSON; the last flag accepts {@code http://} users.watch
 * addresses, which Google refuses (local stacks only).
 */
public final class WorkspaceEmulatorMain {

  private WorkspaceEmulatorMain() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    int port = 8089;
    String host = "127.0.0.1";
    Path seedFile = null;
    Path resultFile = null;
    boolean allowHttpWebhooks = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[++i]);
        case "--host" -> host = args[++i];
        case "--seed" -> seedFile = Path.of(args[++i]);
        case "--write-seed-result" -> resultFile = Path.of(args[++i]);
        case "--allow-http-webhooks" -> allowHttpWebhooks = true;
        default -> {
          System.err.println(
              "usage: [--port 8089] [--host 127.0.0.1] [--seed seed.json]"
                  + " [--write-seed-result result.json] [--allow-http-webhooks]");
          System.exit(2);
        }
      }
    }
    WorkspaceEmulator emulator = WorkspaceEmulator.start(host, port);
    // Google refuses http:// watch addresses; a local stack has no certificate, so it may opt in
    emulator.controls().allowHttpWebhooks(allowHttpWebhooks);
    Runtime.getRuntime().addShutdownHook(new Thread(emulator::close, "emulator-stop"));
    if (seedFile != null) {
      ObjectMapper mapper =
          new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
      Seed seed = mapper.readValue(seedFile.toFile(), Seed.class);
      Map<String, Object> result =
          seed.applyTo(emulator.state(), emulator.endpoints().tokenUri().toString());
      if (resultFile != null) {
        Files.writeString(
            resultFile, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(result));
      }
    }
    System.out.println("Workspace emulator listening on " + emulator.baseUrl());
    Thread.currentThread().join();
  }
}
