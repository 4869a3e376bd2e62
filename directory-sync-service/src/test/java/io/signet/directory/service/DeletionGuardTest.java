package io.signet.directory.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeletionGuardTest {

  private final DeletionGuard guard = new DeletionGuard(0.10, 50);

  @Test
  void holdsOnlyWhenMoreThanTheShareAndAtLeastTheMinimum() {
    assertThat(guard.holdReason(null, 0, 1000)).isEmpty();
    assertThat(guard.holdReason(null, 100, 1000)).isEmpty(); // exactly 10 %
    assertThat(guard.holdReason(null, 101, 1000)).get().asString().startsWith("mass-delete:");
    assertThat(guard.holdReason(null, 49, 60)).isEmpty(); // most of a small tenant, < 50
    assertThat(guard.holdReason(null, 50, 60)).isPresent();
    assertThat(guard.holdReason(null, 600, 1000))
        .get()
        .asString()
        .contains("600 of 1000 known users (60 %)");
  }

  @Test
  void aPageWithoutUsersAlwaysHolds() {
    assertThat(guard.holdReason(3, 0, 1000))
        .get()
        .asString()
        .startsWith("missing-page: users.list page 3");
    assertThat(DeletionGuard.kind(guard.holdReason(2, 1, 10).orElseThrow()))
        .isEqualTo("missing-page");
  }

  @Test
  void aPageWithoutUsersIsAHoleUnlessItIsTheOnlyPageOfADirectorySignetNeverSaw() {
    assertThat(DeletionGuard.missingUsers(false, true, 1, 0)).isTrue(); // mid-paging
    assertThat(DeletionGuard.missingUsers(false, false, 4, 0)).isTrue(); // last of several
    assertThat(DeletionGuard.missingUsers(false, false, 1, 30)).isTrue(); // 30 users vanish
    assertThat(DeletionGuard.missingUsers(false, false, 1, 0)).isFalse(); // nothing known
    assertThat(DeletionGuard.missingUsers(true, true, 2, 30)).isFalse();
  }

  @Test
  void refusesANonsenseShare() {
    assertThatThrownBy(() -> new DeletionGuard(1.5, 50))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
