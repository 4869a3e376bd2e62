package io.signet.emulator.state;

/** A role given to a user across the whole customer; ids are int64 values. */
public record RoleAssignment(String roleAssignmentId, String roleId, String assignedTo) {}
