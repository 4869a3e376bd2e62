package io.signet.directory;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.time.Duration;
import java.util.Map;

/** Groups reconciled every two seconds, so a test can watch a membership change arrive. */
public class GroupReconcileProfile implements QuarkusTestProfile {

  static final Duration INTERVAL = Duration.ofSeconds(2);
  static final Duration CHECK = Duration.ofSeconds(1);

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "signet.directory.groups.reconcile-interval",
        INTERVAL.toString(),
        "signet.directory.groups.reconcile-check",
        CHECK.toSeconds() + "s");
  }
}
