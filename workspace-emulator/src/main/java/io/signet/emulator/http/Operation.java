package io.signet.emulator.http;

/**
 * Every Google operation the emulator serves, with its quota cost: Gmail in quota units, the
 * Directory API in queries.
 */
public enum Operation {
  TOKEN("token", Api.TOKEN, 0),
  SEND_AS_LIST("sendAs.list", Api.GMAIL, 1),
  SEND_AS_GET("sendAs.get", Api.GMAIL, 1),
  SEND_AS_UPDATE("sendAs.update", Api.GMAIL, 100),
  SEND_AS_PATCH("sendAs.patch", Api.GMAIL, 100),
  SEND_AS_CREATE("sendAs.create", Api.GMAIL, 100),
  USERS_LIST("users.list", Api.DIRECTORY, 1),
  USERS_GET("users.get", Api.DIRECTORY, 1),
  USERS_WATCH("users.watch", Api.DIRECTORY, 1),
  CHANNELS_STOP("channels.stop", Api.DIRECTORY, 1),
  GROUPS_LIST("groups.list", Api.DIRECTORY, 1),
  MEMBERS_LIST("members.list", Api.DIRECTORY, 1),
  ROLES_LIST("roles.list", Api.DIRECTORY, 1),
  ROLE_ASSIGNMENTS_LIST("roleAssignments.list", Api.DIRECTORY, 1);

  /** Which API an operation belongs to: quotas are kept per API. */
  public enum Api {
    TOKEN,
    GMAIL,
    DIRECTORY
  }

  private final String apiName;
  private final Api api;
  private final int cost;

  Operation(String apiName, Api api, int cost) {
    this.apiName = apiName;
    this.api = api;
    this.cost = cost;
  }

  /** The name used in the admin API's fault and statistics documents. */
  public String apiName() {
    return apiName;
  }

  public Api api() {
    return api;
  }

  public int cost() {
    return cost;
  }

  public static Operation ofApiName(String name) {
    for (Operation operation : values()) {
      if (operation.apiName.equals(name)) {
        return operation;
      }
    }
    throw new IllegalArgumentException("unknown operation " + name);
  }
}
