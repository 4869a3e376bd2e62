package io.signet.emulator.bench;

import com.google.api.services.directory.Directory;
import com.google.api.services.directory.model.Users;
import com.google.api.services.gmail.Gmail;
import com.google.api.services.gmail.model.SendAs;
import io.signet.emulator.WorkspaceEmulator;
import io.signet.emulator.http.QuotaSettings;
import io.signet.emulator.seed.UserGenerator;
import io.signet.emulator.state.Role;
import io.signet.emulator.state.UserSpec;
import io.signet.emulator.state.WorkspaceState;
import io.signet.google.GoogleClients;
import io.signet.google.GoogleScopes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

/**
 * Measures the emulator's throughput through Google's official clients, latency injection and
 * quotas off: sendAs writes per second and users.list pages (500 users) per second. Prints the
 * figures against the targets (2,000 writes/s, 50 pages/s) so later benchmarks know the emulator is
 * not their bottleneck.
 *
 * <p>{@code java -cp 'workspace-emulator/target/signet-workspace-emulator-<v>.jar'
 * io.signet.emulator.bench.EmulatorBenchmark [seconds] [threads] [users]}
 */
public final class EmulatorBenchmark {

  private static final String DOMAIN = "bench.test";

  private EmulatorBenchmark() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 32;
    int userCount = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
    try (WorkspaceEmulator emulator = WorkspaceEmulator.start(0)) {
      emulator.controls().configureQuotas(QuotaSettings.OFF);
      WorkspaceState state = emulator.state();
      String customer = state.createCustomer(null, List.of(DOMAIN)).id();
      byte[] key =
          state
              .createServiceAccount(
                  "bench-project", "bench-connector", emulator.endpoints().tokenUri().toString())
              .json()
              .getBytes(StandardCharsets.UTF_8);
      String clientId =
          state
              .serviceAccountByEmail("bench-connector@bench-project.iam.gserviceaccount.com")
              .orElseThrow()
              .clientId();
      state.setDelegation(customer, clientId, GoogleScopes.REQUIRED);
      state.createUser(customer, UserSpec.ofEmail("admin@" + DOMAIN, "Ada", "Admin"));
      state.assignRole(customer, "admin@" + DOMAIN, Role.SUPER_ADMIN);
      long seeded = System.nanoTime();
      List<UserSpec> users = UserGenerator.generate(DOMAIN, userCount, 42);
      state.createUsers(customer, users);
      System.out.printf(
          "seeded %,d users in %.1f s%n", userCount, (System.nanoTime() - seeded) / 1e9);

      GoogleClients clients =
          new GoogleClients(emulator.endpoints(), Duration.ofSeconds(30), threads);
      List<String> writers =
          users.stream()
              .filter(
                  u ->
                      !Boolean.FALSE.equals(u.gmailEnabled())
                          && !Boolean.TRUE.equals(u.suspended()))
              .limit(threads)
              .map(UserSpec::primaryEmail)
              .toList();
      double writesPerSecond = writes(clients, key, writers, seconds);
      double pagesPerSecond = pages(clients, key, threads / 4, seconds);

      System.out.printf(
          "sendAs writes: %,.0f/s (target >= 2,000/s: %s)%n",
          writesPerSecond, writesPerSecond >= 2_000 ? "met" : "NOT met");
      System.out.printf(
          "users.list pages of 500: %,.1f/s = %,.0f users/s (target >= 50 pages/s: %s)%n",
          pagesPerSecond, pagesPerSecond * 500, pagesPerSecond >= 50 ? "met" : "NOT met");
      System.out.printf("write log holds %,d writes%n", state.writeCount());
    }
  }

  private static double writes(GoogleClients clients, byte[] key, List<String> users, int seconds)
      throws Exception {
    LongAdder done = new LongAdder();
    List<Gmail> gmails = new ArrayList<>();
    for (String user : users) {
      Gmail gmail =
          clients.gmail(clients.delegated(key, user, List.of(GoogleScopes.GMAIL_SETTINGS_BASIC)));
      gmail.users().settings().sendAs().list("me").execute(); // token and connection warm-up
      gmails.add(gmail);
    }
    return run(
        gmails.size(),
        seconds,
        done,
        (index, iteration) -> {
          String user = users.get(index);
          gmails
              .get(index)
              .users()
              .settings()
              .sendAs()
              .patch("me", user, new SendAs().setSignature("<b>" + user + "</b> #" + iteration))
              .execute();
        });
  }

  private static double pages(GoogleClients clients, byte[] key, int threads, int seconds)
      throws Exception {
    Directory directory =
        clients.directory(clients.delegated(key, "admin@" + DOMAIN, GoogleScopes.REQUIRED));
    directory.users().list().setCustomer("my_customer").setMaxResults(1).execute();
    String[] tokens = new String[Math.max(1, threads)];
    return run(
        Math.max(1, threads),
        seconds,
        new LongAdder(),
        (index, iteration) -> {
          Users page =
              directory
                  .users()
                  .list()
                  .setCustomer("my_customer")
                  .setMaxResults(500)
                  .setPageToken(tokens[index])
                  .execute();
          tokens[index] = page.getNextPageToken();
        });
  }

  @FunctionalInterface
  private interface Call {
    void run(int index, long iteration) throws Exception;
  }

  private static double run(int threads, int seconds, LongAdder done, Call call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    long started = System.nanoTime();
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int index = t;
      futures.add(
          pool.submit(
              () -> {
                long iteration = 0;
                while (System.nanoTime() < deadline) {
                  call.run(index, iteration++);
                  done.increment();
                }
                return null;
              }));
    }
    for (Future<?> future : futures) {
      future.get();
    }
    pool.shutdown();
    return done.sum() / ((System.nanoTime() - started) / 1e9);
  }
}
