package io.signet.emulator.state;

/** A change to a user that Directory watch channels are told about. */
public record UserEvent(String customerId, EmulatedUser user, Kind kind) {

  /** The Directory API's event names, as {@code X-Goog-Resource-State} carries them. */
  public enum Kind {
    ADD("add"),
    UPDATE("update"),
    DELETE("delete"),
    UNDELETE("undelete"),
    MAKE_ADMIN("makeAdmin");

    private final String apiName;

    Kind(String apiName) {
      this.apiName = apiName;
    }

    public String apiName() {
      return apiName;
    }

    public static Kind ofApiName(String name) {
      for (Kind kind : values()) {
        if (kind.apiName.equals(name)) {
          return kind;
        }
      }
      throw new IllegalArgumentException(name);
    }
  }
}
