package io.signet.emulator.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A reader of a user never sees half of a patch, however many patches run meanwhile. */
class UserConsistencyTest {

  private static final int WRITERS = 4;
  private static final int READERS = 4;
  private static final int PATCHES_PER_WRITER = 1_500;

  private final WorkspaceState state = new WorkspaceState(Clock.systemUTC());
  private final String customerId = state.createCustomer("C0acme", List.of("acme.test")).id();

  @Test
  void everyReadSeesOnePatchWhole() throws Exception {
    String userId = state.createUser(customerId, patch(0)).id();
    AtomicInteger next = new AtomicInteger();
    AtomicBoolean writing = new AtomicBoolean(true);
    CountDownLatch start = new CountDownLatch(1);
    Set<Long> versionsSeen = ConcurrentHashMap.newKeySet();
    AtomicInteger reads = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS + READERS);
    try {
      List<Future<?>> readers =
          java.util.stream.IntStream.range(0, READERS)
              .<Future<?>>mapToObj(
                  r ->
                      pool.submit(
                          () -> {
                            start.await();
                            do {
                              UserProfile seen = state.requireUser(userId).profile();
                              assertWhole(seen);
                              versionsSeen.add(seen.version());
                              reads.incrementAndGet();
                            } while (writing.get());
                            return null;
                          }))
              .toList();
      List<Future<?>> writers =
          java.util.stream.IntStream.range(0, WRITERS)
              .<Future<?>>mapToObj(
                  w ->
                      pool.submit(
                          () -> {
                            start.await();
                            for (int p = 0; p < PATCHES_PER_WRITER; p++) {
                              state.updateUser(userId, patch(next.incrementAndGet()));
                            }
                            return null;
                          }))
              .toList();
      start.countDown();
      for (Future<?> writer : writers) {
        writer.get(2, TimeUnit.MINUTES);
      }
      writing.set(false);
      for (Future<?> reader : readers) {
        reader.get(2, TimeUnit.MINUTES); // rethrows a reader's failed assertion
      }
    } finally {
      pool.shutdownNow();
    }

    int patches = WRITERS * PATCHES_PER_WRITER;
    UserProfile last = state.requireUser(userId).profile();
    assertWhole(last);
    assertThat(last.version()).isEqualTo(1 + patches);
    assertThat(reads.get()).isGreaterThan(0);
    // the readers overlapped the writers: they saw the user between patches, not only at the end
    assertThat(versionsSeen).hasSizeGreaterThan(1);
    assertThat(state.user("u" + patches + "@acme.test")).map(EmulatedUser::id).contains(userId);
    assertThat(state.requireCustomer(customerId).usersByEmail()).hasSize(1);
  }

  @Test
  void aRefusedPatchChangesNothing() {
    EmulatedUser user = state.createUser(customerId, patch(0));
    UserProfile before = user.profile();
    UserSpec renameWithABadOrgUnit =
        new UserSpec(
            "u1@acme.test",
            "G1",
            null,
            null,
            null,
            null,
            null,
            "no-slash",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);

    assertThatThrownBy(() -> state.updateUser(user.id(), renameWithABadOrgUnit))
        .isInstanceOf(AdminException.class)
        .hasMessageContaining("orgUnitPath");

    assertThat(user.profile()).isEqualTo(before);
    assertThat(state.user("u0@acme.test")).contains(user);
    assertThat(state.user("u1@acme.test")).isEmpty();
  }

  /**
   * Patch {@code n} renames the user to {@code u<n>}, names it {@code G<n> F<n>}, titles it {@code
   * T<n>} and gives it the one alias {@code a<n>}; the rename adds the previous address as a second
   * alias.
   */
  private static UserSpec patch(int n) {
    return new UserSpec(
        "u" + n + "@acme.test",
        "G" + n,
        "F" + n,
        "T" + n,
        null,
        List.of(new UserSpec.Phone("+1 555 0100 " + n, "work", true)),
        null,
        "/ou" + n,
        List.of("a" + n + "@acme.test"),
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** Every field is from the patch the primary address names. */
  private static void assertWhole(UserProfile user) {
    String primary = user.primaryEmail();
    assertThat(primary).matches("u[0-9]+@acme\\.test");
    String n = primary.substring(1, primary.indexOf('@'));
    assertThat(user.givenName()).isEqualTo("G" + n);
    assertThat(user.familyName()).isEqualTo("F" + n);
    assertThat(user.fullName()).isEqualTo("G" + n + " F" + n);
    assertThat(user.title()).isEqualTo("T" + n);
    assertThat(user.orgUnitPath()).isEqualTo("/ou" + n);
    assertThat(user.phones())
        .singleElement()
        .satisfies(p -> assertThat(p.get("value")).isEqualTo("+1 555 0100 " + n));
    assertThat(user.aliases()).first().isEqualTo("a" + n + "@acme.test");
    assertThat(user.aliases()).hasSizeLessThanOrEqualTo(2).doesNotContain(primary);
    assertThat(user.ownsAddress("a" + n + "@acme.test")).isTrue();
  }
}
