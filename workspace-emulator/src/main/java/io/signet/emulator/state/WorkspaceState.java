package io.signet.emulator.state;

import io.signet.google.ServiceAccountKeyGenerator;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Everything the emulated Workspace holds, as one API over the pieces that own it: {@link
 * Customers}, {@link Users}, {@link Groups} and {@link Roles} (the Directory, addresses in one
 * {@link AddressBook}), each user's Gmail {@link Mailbox}, {@link ServiceAccounts}, {@link
 * DelegationGrants}, {@link IssuedTokens} and {@link AccountTroubles} (identity), {@link
 * UserEvents} (for watch channels) and the {@link WriteLog}. Admin changes are serialised on this
 * object, and a change that touches several pieces (a deletion drops tokens and role assignments)
 * is composed here; API reads go to the pieces' concurrent indexes and never block on a change.
 */
public final class WorkspaceState {

  private final Clock clock;
  private final Ids ids = new Ids();
  private final Customers customers = new Customers(ids);
  private final AddressBook addresses = new AddressBook();
  private final Users users;
  private final Groups groups;
  private final Roles roles;
  private final ServiceAccounts serviceAccounts = new ServiceAccounts(ids);
  private final IssuedTokens tokens = new IssuedTokens(ids);
  private final AccountTroubles troubles = new AccountTroubles();
  private final UserEvents userEvents = new UserEvents();
  private final WriteLog writeLog;

  public WorkspaceState(Clock clock) {
    this.clock = clock;
    this.users = new Users(customers, addresses, ids, clock);
    this.groups = new Groups(customers, addresses, ids);
    this.roles = new Roles(customers, groups, ids);
    this.writeLog = new WriteLog(clock, WriteLog.DEFAULT_CAPACITY);
  }

  public Clock clock() {
    return clock;
  }

  /** Receives every user change, for watch notifications. */
  public void onUserEvent(Consumer<UserEvent> listener) {
    userEvents.listen(listener);
  }

  // ---------------------------------------------------------------- customers and accounts

  public synchronized Customer createCustomer(String requestedId, Collection<String> domains) {
    return customers.create(requestedId, domains);
  }

  public Optional<Customer> customer(String id) {
    return customers.find(id);
  }

  public Collection<Customer> customers() {
    return customers.all();
  }

  public Customer requireCustomer(String id) {
    return customers.require(id);
  }

  /** A new service account with a fresh key; the key JSON's token_uri is {@code tokenUri}. */
  public synchronized ServiceAccountKeyGenerator.GeneratedKey createServiceAccount(
      String projectId, String name, String tokenUri) {
    return serviceAccounts.create(projectId, name, tokenUri);
  }

  /** Deletes the account's key: its signatures stop verifying, its tokens stop working. */
  public synchronized void revokeKey(String clientId) {
    serviceAccounts.revokeKey(clientId);
    tokens.dropForClient(clientId);
  }

  public Optional<ServiceAccount> serviceAccountByEmail(String clientEmail) {
    return serviceAccounts.byEmail(clientEmail);
  }

  public ServiceAccount requireServiceAccount(String clientId) {
    return serviceAccounts.require(clientId);
  }

  /** Grants (or replaces the grant of) domain-wide delegation to a client id. */
  public synchronized void setDelegation(String customerId, String clientId, List<String> scopes) {
    DelegationGrants.grant(requireCustomer(customerId), clientId, scopes);
  }

  public synchronized void removeDelegation(String customerId, String clientId) {
    DelegationGrants.revoke(requireCustomer(customerId), clientId);
  }

  // ---------------------------------------------------------------- users

  public synchronized EmulatedUser createUser(String customerId, UserSpec spec) {
    Customer customer = requireCustomer(customerId);
    EmulatedUser user = users.create(customer, spec);
    if (Boolean.TRUE.equals(spec.isAdmin())) {
      roles.assignToUser(customer, user, Role.SUPER_ADMIN);
    }
    userEvents.fire(user, UserEvent.Kind.ADD);
    return user;
  }

  /**
   * Creates many users, all or none: every user is checked against the state and the rest of the
   * batch before the first is created.
   */
  public synchronized List<EmulatedUser> createUsers(String customerId, List<UserSpec> specs) {
    users.checkBatch(requireCustomer(customerId), specs);
    return specs.stream().map(spec -> createUser(customerId, spec)).toList();
  }

  /** Changes a user and fires the watch notifications a Directory change fires. */
  public synchronized EmulatedUser updateUser(String userKey, UserSpec patch) {
    EmulatedUser user = users.require(userKey);
    boolean becomesAdmin = Boolean.TRUE.equals(patch.isAdmin()) && !roles.isSuperAdmin(user);
    users.update(user, patch);
    if (becomesAdmin) {
      roles.assignToUser(customers.of(user.customerId()), user, Role.SUPER_ADMIN);
      userEvents.fire(user, UserEvent.Kind.MAKE_ADMIN);
    }
    userEvents.fire(user, UserEvent.Kind.UPDATE);
    return user;
  }

  /** Adds sendAs addresses to a user, as the user would in Gmail's settings. */
  public synchronized EmulatedUser addSendAs(String userKey, List<String> addresses) {
    EmulatedUser user = users.require(userKey);
    users.addSendAs(user, addresses);
    return user;
  }

  /** Removes a sendAs address the user set up (never the primary), as Gmail's settings can. */
  public synchronized void removeSendAs(String userKey, String address) {
    EmulatedUser user = users.require(userKey);
    if (!user.mailbox().remove(address)) {
      throw AdminException.notFound(
          "user " + user.primaryEmail() + " has no custom sendAs " + address);
    }
  }

  /** Deletes a user: its role assignments go, its tokens stop working, Google remembers when. */
  public synchronized void deleteUser(String userKey) {
    EmulatedUser user = users.require(userKey);
    users.delete(user);
    roles.removeAssignmentsOf(user);
    troubles.deleted(user, clock.instant());
    tokens.dropForSubject(user.id());
    userEvents.fire(user, UserEvent.Kind.DELETE);
  }

  public synchronized EmulatedUser undeleteUser(String userId) {
    EmulatedUser user = users.undelete(userId);
    troubles.undeleted(user);
    userEvents.fire(user, UserEvent.Kind.UNDELETE);
    return user;
  }

  /** A user by id, primary email or alias. */
  public Optional<EmulatedUser> user(String userKey) {
    return users.find(userKey);
  }

  public EmulatedUser requireUser(String userKey) {
    return users.require(userKey);
  }

  public int userCount() {
    return users.count();
  }

  // ---------------------------------------------------------------- groups and roles

  public synchronized EmulatedGroup createGroup(
      String customerId, String email, String name, String description) {
    return groups.create(requireCustomer(customerId), email, name, description);
  }

  /** Adds a user or a group to a group. */
  public synchronized EmulatedGroup.Member addMember(
      String groupKey, String memberEmail, String role) {
    return groups.addMember(groups.require(groupKey), memberEmail, role);
  }

  public Optional<EmulatedGroup> group(String groupKey) {
    return groups.find(groupKey);
  }

  public EmulatedGroup requireGroup(String groupKey) {
    return groups.require(groupKey);
  }

  /**
   * Removes a user or a group from a group's direct members. Like Google, nothing is notified:
   * users.watch covers users only.
   */
  public synchronized EmulatedGroup.Member removeMember(String groupKey, String memberKey) {
    return groups.removeMember(groups.require(groupKey), memberKey);
  }

  /** The groups a user is a direct member of, as groups.list?userKey= answers. */
  public List<EmulatedGroup> directGroupsOf(EmulatedUser user) {
    return groups.directGroupsOf(user);
  }

  /** The groups a user belongs to, directly or through nested groups. */
  public List<EmulatedGroup> groupsOf(EmulatedUser user) {
    return groups.groupsOf(user);
  }

  public synchronized RoleAssignment assignRole(
      String customerId, String userKey, String roleName) {
    Customer customer = requireCustomer(customerId);
    EmulatedUser user = users.require(userKey);
    if (!user.customerId().equals(customerId)) {
      throw AdminException.badRequest(userKey + " is not a user of customer " + customerId);
    }
    boolean wasSuperAdmin = roles.isSuperAdmin(user);
    RoleAssignment assignment = roles.assignToUser(customer, user, roleName);
    if (!wasSuperAdmin && roles.isSuperAdmin(user)) {
      userEvents.fire(user, UserEvent.Kind.MAKE_ADMIN);
    }
    return assignment;
  }

  /**
   * Assigns a role to a group: its members, direct or through nested groups, hold the role. Super
   * Admin is refused, as Google's Admin console refuses it.
   */
  public synchronized RoleAssignment assignRoleToGroup(
      String customerId, String groupKey, String roleName) {
    Customer customer = requireCustomer(customerId);
    EmulatedGroup group = groups.require(groupKey);
    if (!group.customerId.equals(customerId)) {
      throw AdminException.badRequest(groupKey + " is not a group of customer " + customerId);
    }
    return roles.assignToGroup(customer, group, roleName);
  }

  /** Creates a custom role (Google's {@code roles.insert}), at most 750 per customer. */
  public synchronized Role createRole(
      String customerId, String roleName, String description, List<String> privileges) {
    return roles.create(requireCustomer(customerId), roleName, description, privileges);
  }

  public synchronized void removeRoleAssignment(String customerId, String roleAssignmentId) {
    roles.removeAssignment(requireCustomer(customerId), roleAssignmentId);
  }

  public boolean isSuperAdmin(EmulatedUser user) {
    return roles.isSuperAdmin(user);
  }

  /** Whether the user holds any admin role, directly or through (nested) groups. */
  public boolean isAnyAdmin(EmulatedUser user) {
    return roles.isAnyAdmin(user);
  }

  /** The role assignments roleAssignments.list answers for a user. */
  public List<RoleAssignment> roleAssignmentsOf(EmulatedUser user, boolean indirect) {
    return roles.assignmentsOf(user, indirect);
  }

  // ---------------------------------------------------------------- tokens

  public AccessToken issueToken(
      ServiceAccount account, EmulatedUser subject, Set<String> scopes, Instant expiresAt) {
    return tokens.issue(account, subject, scopes, expiresAt);
  }

  public Optional<AccessToken> token(String value) {
    return tokens.find(value);
  }

  /** Makes every issued token expired, so clients must refresh. */
  public void expireAllTokens() {
    tokens.expireAll(clock.instant());
  }

  // ---------------------------------------------------------------- Gmail writes

  /** Records a write Gmail accepted. */
  public void logWrite(
      AccessToken token, EmulatedUser user, String sendAsEmail, String method, String signature) {
    writeLog.append(
        token.clientId(), token.subjectEmail(), user.id(), sendAsEmail, method, signature);
  }

  /** Writes with a sequence above {@code afterSequence}, oldest first, at most {@code limit}. */
  public List<WriteLogEntry> writes(long afterSequence, int limit) {
    return writeLog.after(afterSequence, limit);
  }

  public long writeCount() {
    return writeLog.count();
  }

  // ---------------------------------------------------------------- Google's side of accounts

  /** Google's side of accounts: deletions, restrictions, disabled service accounts, user limits. */
  public AccountTroubles troubles() {
    return troubles;
  }

  /**
   * Google restricts or disables the user (or lifts it, with {@code GOOD}); the user's tokens stop
   * working, as a restriction ends the sessions.
   */
  public synchronized void setStanding(String userKey, AccountTroubles.Standing standing) {
    EmulatedUser user = users.require(userKey);
    troubles.setStanding(user, standing);
    if (standing != AccountTroubles.Standing.GOOD) {
      tokens.dropForSubject(user.id());
    }
  }

  /** The service account is disabled or deleted in its Cloud project; its tokens stop working. */
  public synchronized void setStanding(
      String clientId, AccountTroubles.ServiceAccountStanding standing) {
    ServiceAccount account = serviceAccounts.require(clientId);
    troubles.setStanding(account, standing);
    if (standing != AccountTroubles.ServiceAccountStanding.ACTIVE) {
      tokens.dropForClient(clientId);
    }
  }

  /** Every Gmail call acting as the user is refused at its per-user rate limit until then. */
  public void limitUser(String userKey, Instant until) {
    troubles.limit(users.require(userKey), until);
  }

  /** Forgets everything: customers, users, accounts, tokens and the write log. */
  public synchronized void reset() {
    troubles.clear();
    customers.clear();
    addresses.clear();
    users.clear();
    groups.clear();
    serviceAccounts.clear();
    tokens.clear();
    writeLog.clear();
  }
}
