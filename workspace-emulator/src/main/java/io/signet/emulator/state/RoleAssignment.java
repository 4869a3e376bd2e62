package io.signet.emulator.state;

/**
 * A role given across the whole customer to a user or to a group; ids are int64 values.
 *
 * @param assignedTo the user's id, or the group's id when {@code assigneeType} is {@code group}
 * @param assigneeType {@code user} or {@code group}, in the lower case Google's answers carry
 */
public record RoleAssignment(
    String roleAssignmentId, String roleId, String assignedTo, String assigneeType) {

  public static final String USER = "user";
  public static final String GROUP = "group";

  /** An assignment to a user. */
  public RoleAssignment(String roleAssignmentId, String roleId, String assignedTo) {
    this(roleAssignmentId, roleId, assignedTo, USER);
  }
}
