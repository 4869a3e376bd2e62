package io.signet.deploy;

import java.util.List;

/** What the local stack runs, in start order, with each one's default port. */
enum Component {
  POSTGRES("postgres", 5433, "embedded PostgreSQL (only when no server answers on 5432)"),
  KAFKA("kafka", 9192, "Kafka broker (KRaft; its controller listens on the next port)"),
  EMULATOR("workspace-emulator", 8089, "emulated Google Workspace with the demo tenant"),
  TENANT(
      "tenant-service", 8081, "tenants, delegation, verification; its token broker on port + 10"),
  DIRECTORY("directory-sync-service", 8082, "directory sync and watch notifications"),
  RENDER("render-service", 8083, "templates, rules, campaigns, rendering"),
  PUSH("push-service", 8084, "Gmail pushes, quota pacing, status"),
  PROMETHEUS("prometheus", 9090, "Prometheus with Signet's alert rules (when it is installed)");

  static final List<Component> SERVICES = List.of(TENANT, DIRECTORY, RENDER, PUSH);

  final String id;
  final int defaultPort;
  final String description;

  Component(String id, int defaultPort, String description) {
    this.id = id;
    this.defaultPort = defaultPort;
    this.description = description;
  }

  boolean isService() {
    return SERVICES.contains(this);
  }

  /** The service's database name after the stack's prefix ({@code tenant}, {@code push}, …). */
  String databaseSuffix() {
    return id.replace("-service", "").replace("directory-sync", "directory");
  }

  static Component byId(String id) {
    for (Component component : values()) {
      if (component.id.equals(id) || component.id.replace("-service", "").equals(id)) {
        return component;
      }
    }
    throw new IllegalArgumentException(
        "no component "
            + id
            + "; one of "
            + java.util.Arrays.stream(values()).map(c -> c.id).toList());
  }
}
