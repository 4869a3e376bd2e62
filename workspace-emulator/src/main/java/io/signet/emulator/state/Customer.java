package io.signet.emulator.state;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Workspace customer (organisation): its domains, users in email order, groups, roles and role
 * assignments, and the domain-wide delegation grants its admins made.
 */
public final class Customer {

  final String id;
  final Set<String> domains = ConcurrentHashMap.newKeySet();

  /** Users by lower-case primary email: the order users.list pages through. */
  final ConcurrentSkipListMap<String, EmulatedUser> usersByEmail = new ConcurrentSkipListMap<>();

  final ConcurrentSkipListMap<String, EmulatedGroup> groupsByEmail = new ConcurrentSkipListMap<>();

  /** System roles first, then custom roles in the order they were created. */
  final List<Role> roles;

  final List<RoleAssignment> roleAssignments = new CopyOnWriteArrayList<>();

  /** Delegation grants: OAuth client id → granted scopes. */
  final Map<String, Set<String>> delegations = new ConcurrentHashMap<>();

  Customer(String id, List<Role> roles) {
    this.id = id;
    this.roles = new CopyOnWriteArrayList<>(roles);
  }

  public String id() {
    return id;
  }

  public Set<String> domains() {
    return Set.copyOf(domains);
  }

  public List<Role> roles() {
    return List.copyOf(roles);
  }

  public List<RoleAssignment> roleAssignments() {
    return List.copyOf(roleAssignments);
  }

  public Map<String, Set<String>> delegations() {
    return Map.copyOf(delegations);
  }

  public ConcurrentSkipListMap<String, EmulatedUser> usersByEmail() {
    return usersByEmail;
  }

  public ConcurrentSkipListMap<String, EmulatedGroup> groupsByEmail() {
    return groupsByEmail;
  }

  public boolean ownsDomainOf(String email) {
    int at = email.lastIndexOf('@');
    return at > 0 && domains.contains(email.substring(at + 1).toLowerCase());
  }
}
