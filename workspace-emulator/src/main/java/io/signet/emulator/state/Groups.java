package io.signet.emulator.state;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Directory's groups, by id and (through the {@link AddressBook}) by email, and memberships.
 */
final class Groups {

  private static final Set<String> MEMBER_ROLES = Set.of("OWNER", "MANAGER", "MEMBER");

  private final Map<String, EmulatedGroup> byId = new ConcurrentHashMap<>();
  private final Customers customers;
  private final AddressBook addresses;
  private final Ids ids;

  Groups(Customers customers, AddressBook addresses, Ids ids) {
    this.customers = customers;
    this.addresses = addresses;
    this.ids = ids;
  }

  EmulatedGroup create(Customer customer, String email, String name, String description) {
    String address = Validation.email(email, "email");
    Customers.requireOwned(customer, address);
    addresses.requireFree(address);
    EmulatedGroup group =
        new EmulatedGroup(
            ids.alnum(15).toLowerCase(Locale.ROOT),
            customer.id,
            address,
            Validation.text(name == null ? address : name, "name", 200),
            Validation.text(description == null ? "" : description, "description", 4096));
    addresses.add(group);
    byId.put(group.id, group);
    customer.groupsByEmail.put(address, group);
    return group;
  }

  Optional<EmulatedGroup> find(String groupKey) {
    if (groupKey == null) {
      return Optional.empty();
    }
    EmulatedGroup byKey = byId.get(groupKey);
    return byKey != null
        ? Optional.of(byKey)
        : Optional.ofNullable(addresses.group(groupKey.toLowerCase(Locale.ROOT)));
  }

  EmulatedGroup require(String groupKey) {
    return find(groupKey).orElseThrow(() -> AdminException.notFound("no group " + groupKey));
  }

  /** Adds a user or a group to a group. */
  EmulatedGroup.Member addMember(EmulatedGroup group, String memberEmail, String role) {
    String email = Validation.email(memberEmail, "email");
    String memberRole = role == null ? "MEMBER" : role.toUpperCase(Locale.ROOT);
    if (!MEMBER_ROLES.contains(memberRole)) {
      throw AdminException.badRequest("role must be OWNER, MANAGER or MEMBER: " + role);
    }
    EmulatedGroup.Member member;
    EmulatedUser user = addresses.user(email);
    EmulatedGroup nested = addresses.group(email);
    if (user != null) {
      member = new EmulatedGroup.Member(user.id(), user.primaryEmail(), "USER", memberRole);
    } else if (nested != null && nested != group) {
      member = new EmulatedGroup.Member(nested.id, nested.email, "GROUP", memberRole);
    } else {
      throw AdminException.notFound("no user or group " + email);
    }
    synchronized (group) {
      if (group.members.putIfAbsent(member.email(), member) != null) {
        throw AdminException.conflict(email + " is already a member of " + group.email);
      }
    }
    return member;
  }

  /**
   * Removes a user or a group (by email or id) from a group's direct members. Like Google, nothing
   * is notified: users.watch covers users only.
   */
  EmulatedGroup.Member removeMember(EmulatedGroup group, String memberKey) {
    String key = memberKey == null ? "" : memberKey.toLowerCase(Locale.ROOT);
    synchronized (group) {
      EmulatedGroup.Member member = group.members.remove(key);
      if (member == null) {
        member =
            group.members.values().stream()
                .filter(m -> m.id().equals(memberKey))
                .findFirst()
                .orElseThrow(
                    () ->
                        AdminException.notFound(memberKey + " is not a member of " + group.email));
        group.members.remove(member.email());
      }
      return member;
    }
  }

  /**
   * The groups a user is a direct member of, as groups.list?userKey= answers: Google checks direct
   * membership only (GAM wiki "Users - Group Membership"; GAM-team/GAM 1262), so a user in a group
   * nested in another is not listed in the outer one.
   */
  List<EmulatedGroup> directGroupsOf(EmulatedUser user) {
    return customers.of(user.customerId()).groupsByEmail.values().stream()
        .filter(group -> group.members().stream().anyMatch(m -> m.id().equals(user.id())))
        .toList();
  }

  /** The groups a user belongs to, directly or through nested groups. */
  List<EmulatedGroup> groupsOf(EmulatedUser user) {
    Customer customer = customers.of(user.customerId());
    Set<EmulatedGroup> found = new LinkedHashSet<>();
    Set<String> frontier = Set.of(user.primaryEmail());
    while (!frontier.isEmpty()) {
      Set<String> next = new LinkedHashSet<>();
      Set<String> current = frontier;
      for (EmulatedGroup group : customer.groupsByEmail.values()) {
        boolean contains = group.members().stream().anyMatch(m -> current.contains(m.email()));
        if (contains && found.add(group)) {
          next.add(group.email);
        }
      }
      frontier = next;
    }
    return List.copyOf(found);
  }

  void clear() {
    byId.clear();
  }
}
