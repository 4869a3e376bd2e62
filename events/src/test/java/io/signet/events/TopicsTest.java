package io.signet.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicsTest {

  @Test
  void userKeyJoinsAndSplits() {
    String key = Topics.userKey("acme", "1122");

    assertThat(key).isEqualTo("acme/1122");
    assertThat(Topics.parseUserKey(key)).isEqualTo(new Topics.UserKey("acme", "1122"));
  }

  @Test
  void userKeyRefusesASeparatorInAPart() {
    assertThatThrownBy(() -> Topics.userKey("ac/me", "1")).hasMessageContaining("tenantId");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "acme", "/1", "acme/", "a/b/c"})
  void parseUserKeyRefusesMalformedKeys(String key) {
    assertThatThrownBy(() -> Topics.parseUserKey(key)).isInstanceOf(IllegalArgumentException.class);
  }
}
