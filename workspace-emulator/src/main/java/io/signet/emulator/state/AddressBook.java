package io.signet.emulator.state;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every email address in the Workspace and what holds it: a user (its primary address or an alias)
 * or a group. One address belongs to one holder at most.
 */
final class AddressBook {

  private final Map<String, EmulatedUser> users = new ConcurrentHashMap<>();
  private final Map<String, EmulatedGroup> groups = new ConcurrentHashMap<>();

  EmulatedUser user(String address) {
    return users.get(address);
  }

  EmulatedGroup group(String address) {
    return groups.get(address);
  }

  /** Refuses an address a user or a group holds. */
  void requireFree(String address) {
    if (users.containsKey(address) || groups.containsKey(address)) {
      throw AdminException.conflict("address " + address + " is already in use");
    }
  }

  /** Refuses an address held by anything but {@code self}. */
  void requireFreeFor(String address, EmulatedUser self) {
    EmulatedUser holder = users.get(address);
    if ((holder != null && holder != self) || groups.containsKey(address)) {
      throw AdminException.conflict("address " + address + " is already in use");
    }
  }

  void add(EmulatedUser user, UserProfile profile) {
    users.put(profile.primaryEmail(), user);
    profile.aliases().forEach(alias -> users.put(alias, user));
  }

  void remove(UserProfile profile) {
    users.remove(profile.primaryEmail());
    profile.aliases().forEach(users::remove);
  }

  void add(EmulatedGroup group) {
    groups.put(group.email, group);
  }

  void clear() {
    users.clear();
    groups.clear();
  }
}
