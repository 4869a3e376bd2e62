package io.signet.directory;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Reconciliations run only when a test calls them (always due, never scheduled), paced at 120
 * queries a minute, and more than two changed users make a full sync.
 */
public class GroupQuotaProfile implements QuarkusTestProfile {

  static final int QUERIES_PER_MINUTE = 120;

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "signet.directory.groups.reconcile-interval", "PT0S",
        "signet.directory.groups.reconcile-check", "1h",
        "signet.directory.groups.max-queries-per-minute", String.valueOf(QUERIES_PER_MINUTE),
        "signet.directory.groups.max-user-reads", "2");
  }
}
