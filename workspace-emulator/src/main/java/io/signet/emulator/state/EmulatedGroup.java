package io.signet.emulator.state;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A group and its direct members (users or other groups). */
public final class EmulatedGroup {

  final String id;
  final String customerId;
  final String email;
  final String name;
  final String description;

  /** Direct members by lower-case email. */
  final Map<String, Member> members = new LinkedHashMap<>();

  EmulatedGroup(String id, String customerId, String email, String name, String description) {
    this.id = id;
    this.customerId = customerId;
    this.email = email;
    this.name = name;
    this.description = description;
  }

  public String id() {
    return id;
  }

  public String email() {
    return email;
  }

  public String name() {
    return name;
  }

  public String description() {
    return description;
  }

  public synchronized List<Member> members() {
    return List.copyOf(members.values());
  }

  public String etag() {
    return "\"emu-group-" + id + "/" + members.size() + "\"";
  }

  /**
   * A member of a group.
   *
   * @param type {@code USER} or {@code GROUP}
   * @param role {@code OWNER}, {@code MANAGER} or {@code MEMBER}
   */
  public record Member(String id, String email, String type, String role) {}
}
