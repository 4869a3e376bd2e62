package io.signet.emulator.state;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Directory's users: live ones by id (and, through the {@link AddressBook} and each customer's
 * index, by address), and deleted ones that can still be undeleted. Changes are made under the
 * {@link WorkspaceState}'s lock; each replaces a user's {@link UserProfile} whole, so lookups and
 * reads never wait.
 */
final class Users {

  private final Map<String, EmulatedUser> byId = new ConcurrentHashMap<>();
  private final Map<String, EmulatedUser> deleted = new ConcurrentHashMap<>();
  private final Customers customers;
  private final AddressBook addresses;
  private final Ids ids;
  private final Clock clock;

  Users(Customers customers, AddressBook addresses, Ids ids, Clock clock) {
    this.customers = customers;
    this.addresses = addresses;
    this.ids = ids;
    this.clock = clock;
  }

  /** A user by id, primary email or alias. */
  Optional<EmulatedUser> find(String userKey) {
    if (userKey == null) {
      return Optional.empty();
    }
    EmulatedUser byKey = byId.get(userKey);
    return byKey != null
        ? Optional.of(byKey)
        : Optional.ofNullable(addresses.user(userKey.toLowerCase(Locale.ROOT)));
  }

  EmulatedUser require(String userKey) {
    return find(userKey).orElseThrow(() -> AdminException.notFound("no user " + userKey));
  }

  int count() {
    return byId.size();
  }

  EmulatedUser create(Customer customer, UserSpec spec) {
    String email = Validation.email(spec.primaryEmail(), "primaryEmail");
    Customers.requireOwned(customer, email);
    addresses.requireFree(email);
    List<String> aliases = checkedAliases(customer, spec.aliases(), null);
    List<String> sendAs = checkedSendAs(spec.sendAs());
    UserProfile profile =
        UserProfile.created(newUserId(), customer.id, email, clock.instant())
            .patchedWith(spec)
            .withAddresses(email, aliases);
    EmulatedUser user = new EmulatedUser(profile);
    user.mailbox().followPrimaryAddress(email, profile.fullName());
    addSendAs(user, sendAs);
    index(customer, user, profile);
    return user;
  }

  /** Refuses a batch with an address taken, or given twice within the batch, before any change. */
  void checkBatch(Customer customer, List<UserSpec> specs) {
    Set<String> batch = new HashSet<>();
    for (UserSpec spec : specs) {
      String email = Validation.email(spec.primaryEmail(), "primaryEmail");
      Customers.requireOwned(customer, email);
      addresses.requireFree(email);
      List<String> all = new ArrayList<>();
      all.add(email);
      all.addAll(checkedAliases(customer, spec.aliases(), null));
      for (String address : all) {
        if (!batch.add(address)) {
          throw AdminException.conflict("address " + address + " appears twice in the batch");
        }
      }
    }
  }

  /**
   * Applies a patch: every field is checked first, then the new profile replaces the old one at
   * once and the indexes follow. A rename keeps the old primary address as an alias, as Google does
   * (the notes' last section).
   */
  void update(EmulatedUser user, UserSpec patch) {
    UserProfile old = user.profile();
    Customer customer = customers.of(old.customerId());
    String newEmail =
        patch.primaryEmail() == null
            ? old.primaryEmail()
            : Validation.email(patch.primaryEmail(), "primaryEmail");
    boolean renamed = !newEmail.equals(old.primaryEmail());
    if (renamed) {
      Customers.requireOwned(customer, newEmail);
      addresses.requireFree(newEmail);
    }
    List<String> aliases =
        new ArrayList<>(
            patch.aliases() == null
                ? old.aliases()
                : checkedAliases(customer, patch.aliases(), user));
    if (renamed && !aliases.contains(old.primaryEmail())) {
      aliases.add(old.primaryEmail());
    }
    List<String> sendAs = checkedSendAs(patch.sendAs());
    UserProfile next = old.withAddresses(newEmail, aliases).patchedWith(patch).nextVersion();
    unindex(customer, old);
    user.replace(next);
    index(customer, user, next);
    user.mailbox().followPrimaryAddress(next.primaryEmail(), next.fullName());
    addSendAs(user, sendAs);
  }

  void delete(EmulatedUser user) {
    unindex(customers.of(user.customerId()), user.profile());
    byId.remove(user.id());
    deleted.put(user.id(), user);
  }

  EmulatedUser undelete(String userId) {
    EmulatedUser user = deleted.get(userId);
    if (user == null) {
      throw AdminException.notFound("no deleted user " + userId);
    }
    UserProfile profile = user.profile();
    addresses.requireFree(profile.primaryEmail());
    profile.aliases().forEach(addresses::requireFree);
    deleted.remove(userId);
    UserProfile next = profile.nextVersion();
    user.replace(next);
    index(customers.of(next.customerId()), user, next);
    return user;
  }

  /**
   * Adds the addresses as the user would under Gmail's "Send mail as": the user's own aliases are
   * accepted at once, other addresses wait for the verification mail ({@code pending}).
   */
  void addSendAs(EmulatedUser user, List<String> addresses) {
    for (String email : checkedSendAs(addresses)) {
      boolean own = user.ownsAddress(email);
      user.createSendAs(email, null, null, null, own, own ? "accepted" : "pending");
    }
  }

  void clear() {
    byId.clear();
    deleted.clear();
  }

  private static List<String> checkedSendAs(List<String> addresses) {
    return addresses == null
        ? List.of()
        : addresses.stream().map(address -> Validation.email(address, "sendAs")).toList();
  }

  private List<String> checkedAliases(Customer customer, List<String> aliases, EmulatedUser self) {
    if (aliases == null) {
      return List.of();
    }
    List<String> checked = new ArrayList<>();
    for (String alias : aliases) {
      String address = Validation.email(alias, "alias");
      Customers.requireOwned(customer, address);
      addresses.requireFreeFor(address, self);
      if (!checked.contains(address)) {
        checked.add(address);
      }
    }
    return checked;
  }

  private void index(Customer customer, EmulatedUser user, UserProfile profile) {
    byId.put(profile.id(), user);
    addresses.add(user, profile);
    customer.usersByEmail.put(profile.primaryEmail(), user);
  }

  private void unindex(Customer customer, UserProfile profile) {
    addresses.remove(profile);
    customer.usersByEmail.remove(profile.primaryEmail());
  }

  private String newUserId() {
    String id;
    do {
      id = "1" + ids.digits(20);
    } while (byId.containsKey(id) || deleted.containsKey(id));
    return id;
  }
}
