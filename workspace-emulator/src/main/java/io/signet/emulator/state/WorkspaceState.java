package io.signet.emulator.state;

import io.signet.google.ServiceAccountKeyGenerator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Everything the emulated Workspace holds: customers, users and their Gmail settings, groups,
 * roles, service accounts, delegation grants, issued tokens and the write log. Admin mutations are
 * serialised on this object; API reads use concurrent indexes and never block on them.
 */
public final class WorkspaceState {

  /** How many writes the log keeps; older ones are dropped. */
  private static final int WRITE_LOG_CAPACITY = 2_000_000;

  private static final int MAX_CUSTOM_ROLES = 750;

  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Customer> customers = new ConcurrentHashMap<>();
  private final Map<String, String> customerByDomain = new ConcurrentHashMap<>();
  private final Map<String, EmulatedUser> usersById = new ConcurrentHashMap<>();
  private final Map<String, EmulatedUser> usersByAddress = new ConcurrentHashMap<>();
  private final Map<String, EmulatedUser> deletedUsers = new ConcurrentHashMap<>();
  private final Map<String, EmulatedGroup> groupsByEmail = new ConcurrentHashMap<>();
  private final Map<String, EmulatedGroup> groupsById = new ConcurrentHashMap<>();
  private final Map<String, ServiceAccount> serviceAccountsByEmail = new ConcurrentHashMap<>();
  private final Map<String, ServiceAccount> serviceAccountsById = new ConcurrentHashMap<>();
  private final Map<String, AccessToken> tokens = new ConcurrentHashMap<>();
  private final List<WriteLogEntry> writeLog = new ArrayList<>();
  private final AtomicLong writeSequence = new AtomicLong();
  private volatile Consumer<UserEvent> userEvents = event -> {};
  private final AccountTroubles troubles = new AccountTroubles();

  public WorkspaceState(Clock clock) {
    this.clock = clock;
  }

  public Clock clock() {
    return clock;
  }

  /** Receives every user change, for watch notifications. */
  public void onUserEvent(Consumer<UserEvent> listener) {
    this.userEvents = listener;
  }

  // ---------------------------------------------------------------- customers and accounts

  public synchronized Customer createCustomer(String requestedId, Collection<String> domains) {
    if (domains == null || domains.isEmpty()) {
      throw AdminException.badRequest("a customer needs at least one domain");
    }
    List<String> checked = domains.stream().map(Validation::domain).distinct().toList();
    for (String domain : checked) {
      if (customerByDomain.containsKey(domain)) {
        throw AdminException.conflict("domain " + domain + " already belongs to a customer");
      }
    }
    String id = requestedId == null ? "C0" + randomAlnum(7) : requestedId;
    if (!id.matches("[A-Za-z0-9]{3,20}")) {
      throw AdminException.badRequest("customerId must be 3-20 letters or digits: " + id);
    }
    if (customers.containsKey(id)) {
      throw AdminException.conflict("customer " + id + " exists");
    }
    Customer customer = new Customer(id, systemRoles());
    customer.domains.addAll(checked);
    customers.put(id, customer);
    checked.forEach(domain -> customerByDomain.put(domain, id));
    return customer;
  }

  public Optional<Customer> customer(String id) {
    return Optional.ofNullable(customers.get(id));
  }

  public Collection<Customer> customers() {
    return List.copyOf(customers.values());
  }

  public Customer requireCustomer(String id) {
    return customer(id).orElseThrow(() -> AdminException.notFound("no customer " + id));
  }

  /** A new service account with a fresh key; the key JSON's token_uri is {@code tokenUri}. */
  public synchronized ServiceAccountKeyGenerator.GeneratedKey createServiceAccount(
      String projectId, String name, String tokenUri) {
    if (projectId == null || !projectId.matches("[a-z][a-z0-9-]{4,28}[a-z0-9]")) {
      throw AdminException.badRequest(
          "projectId must be 6-30 lower-case letters, digits or hyphens: " + projectId);
    }
    if (name == null || !name.matches("[a-z][a-z0-9-]{4,28}[a-z0-9]")) {
      throw AdminException.badRequest(
          "name must be 6-30 lower-case letters, digits or hyphens: " + name);
    }
    String email = name + "@" + projectId + ".iam.gserviceaccount.com";
    if (serviceAccountsByEmail.containsKey(email)) {
      throw AdminException.conflict("service account " + email + " exists");
    }
    String clientId = "1" + randomDigits(20);
    var key = ServiceAccountKeyGenerator.generate(projectId, email, clientId, tokenUri);
    ServiceAccount account =
        new ServiceAccount(clientId, email, projectId, key.privateKeyId(), key.publicKey(), false);
    serviceAccountsByEmail.put(email, account);
    serviceAccountsById.put(clientId, account);
    return key;
  }

  /** Deletes the account's key: its signatures stop verifying. */
  public synchronized void revokeKey(String clientId) {
    ServiceAccount account = requireServiceAccount(clientId);
    ServiceAccount revoked = account.withRevoked();
    serviceAccountsByEmail.put(account.clientEmail(), revoked);
    serviceAccountsById.put(clientId, revoked);
    tokens.values().removeIf(token -> token.clientId().equals(clientId));
  }

  public Optional<ServiceAccount> serviceAccountByEmail(String clientEmail) {
    return Optional.ofNullable(serviceAccountsByEmail.get(clientEmail));
  }

  public ServiceAccount requireServiceAccount(String clientId) {
    ServiceAccount account = serviceAccountsById.get(clientId);
    if (account == null) {
      throw AdminException.notFound("no service account with client id " + clientId);
    }
    return account;
  }

  /** Grants (or replaces the grant of) domain-wide delegation to a client id. */
  public synchronized void setDelegation(String customerId, String clientId, List<String> scopes) {
    Customer customer = requireCustomer(customerId);
    if (clientId == null || !clientId.matches("[0-9]{10,30}")) {
      throw AdminException.badRequest("a client id is 10-30 digits: " + clientId);
    }
    if (scopes == null || scopes.isEmpty()) {
      throw AdminException.badRequest("a delegation grants at least one scope");
    }
    for (String scope : scopes) {
      if (!scope.startsWith("https://")) {
        throw AdminException.badRequest("a scope is an https URL: " + scope);
      }
    }
    customer.delegations.put(clientId, Set.copyOf(scopes));
  }

  public synchronized void removeDelegation(String customerId, String clientId) {
    if (requireCustomer(customerId).delegations.remove(clientId) == null) {
      throw AdminException.notFound("customer " + customerId + " has no grant for " + clientId);
    }
  }

  // ---------------------------------------------------------------- users

  public synchronized EmulatedUser createUser(String customerId, UserSpec spec) {
    Customer customer = requireCustomer(customerId);
    String email = Validation.email(spec.primaryEmail(), "primaryEmail");
    requireOwned(customer, email);
    requireFreeAddress(email);
    List<String> aliases = checkedAliases(customer, spec.aliases(), null);
    EmulatedUser user = new EmulatedUser(newUserId(), customerId, email, clock.instant());
    apply(user, spec);
    user.aliases = new ArrayList<>(aliases);
    user.syncSendAsWithAddresses(user.fullName());
    addSendAs(user, spec.sendAs());
    index(customer, user);
    if (Boolean.TRUE.equals(spec.isAdmin())) {
      assign(customer, user, Role.SUPER_ADMIN);
    }
    userEvents.accept(new UserEvent(customer.id, user, UserEvent.Kind.ADD));
    return user;
  }

  /**
   * Creates many users, all or none: every user is checked against the state and the rest of the
   * batch before the first is created.
   */
  public synchronized List<EmulatedUser> createUsers(String customerId, List<UserSpec> specs) {
    Customer customer = requireCustomer(customerId);
    Set<String> batch = new java.util.HashSet<>();
    for (UserSpec spec : specs) {
      String email = Validation.email(spec.primaryEmail(), "primaryEmail");
      requireOwned(customer, email);
      requireFreeAddress(email);
      for (String address : concat(email, checkedAliases(customer, spec.aliases(), null))) {
        if (!batch.add(address)) {
          throw AdminException.conflict("address " + address + " appears twice in the batch");
        }
      }
    }
    return specs.stream().map(spec -> createUser(customerId, spec)).toList();
  }

  private static List<String> concat(String first, List<String> rest) {
    List<String> all = new ArrayList<>(rest.size() + 1);
    all.add(first);
    all.addAll(rest);
    return all;
  }

  /** Changes a user and fires the watch notifications a Directory change fires. */
  public synchronized EmulatedUser updateUser(String userKey, UserSpec patch) {
    EmulatedUser user = requireUser(userKey);
    Customer customer = customers.get(user.customerId);
    String newEmail =
        patch.primaryEmail() == null
            ? user.primaryEmail
            : Validation.email(patch.primaryEmail(), "primaryEmail");
    if (!newEmail.equals(user.primaryEmail)) {
      requireOwned(customer, newEmail);
      requireFreeAddress(newEmail);
    }
    List<String> aliases =
        new ArrayList<>(
            patch.aliases() == null
                ? user.aliases
                : checkedAliases(customer, patch.aliases(), user));
    if (!newEmail.equals(user.primaryEmail) && !aliases.contains(user.primaryEmail)) {
      // Google keeps the old primary address as an alias after a rename (the notes' last section)
      aliases.add(user.primaryEmail);
    }
    boolean becomesAdmin = Boolean.TRUE.equals(patch.isAdmin()) && !isSuperAdmin(user);
    unindex(customer, user);
    user.primaryEmail = newEmail;
    user.aliases = new ArrayList<>(aliases);
    apply(user, patch);
    user.version++;
    user.syncSendAsWithAddresses(user.fullName());
    addSendAs(user, patch.sendAs());
    index(customer, user);
    if (becomesAdmin) {
      assign(customer, user, Role.SUPER_ADMIN);
      userEvents.accept(new UserEvent(customer.id, user, UserEvent.Kind.MAKE_ADMIN));
    }
    userEvents.accept(new UserEvent(customer.id, user, UserEvent.Kind.UPDATE));
    return user;
  }

  /**
   * Adds the addresses as the user would under Gmail's "Send mail as": the user's own aliases are
   * accepted at once, other addresses wait for the verification mail ({@code pending}).
   */
  private static void addSendAs(EmulatedUser user, List<String> addresses) {
    if (addresses == null) {
      return;
    }
    for (String address : addresses) {
      String email = Validation.email(address, "sendAs");
      boolean own = user.ownsAddress(email);
      user.createSendAs(email, null, null, null, own, own ? "accepted" : "pending");
    }
  }

  /** Adds sendAs addresses to a user, as the user would in Gmail's settings. */
  public synchronized EmulatedUser addSendAs(String userKey, List<String> addresses) {
    EmulatedUser user = requireUser(userKey);
    addSendAs(user, addresses);
    return user;
  }

  /** Removes a sendAs address the user set up (never the primary), as Gmail's settings can. */
  public synchronized void removeSendAs(String userKey, String address) {
    EmulatedUser user = requireUser(userKey);
    if (!user.removeSendAs(address)) {
      throw AdminException.notFound(
          "user " + user.primaryEmail() + " has no custom sendAs " + address);
    }
  }

  public synchronized void deleteUser(String userKey) {
    EmulatedUser user = requireUser(userKey);
    Customer customer = customers.get(user.customerId);
    unindex(customer, user);
    usersById.remove(user.id);
    customer.roleAssignments.removeIf(assignment -> assignment.assignedTo().equals(user.id));
    deletedUsers.put(user.id, user);
    troubles.deleted(user, clock.instant());
    tokens.values().removeIf(token -> user.id.equals(token.subjectUserId()));
    userEvents.accept(new UserEvent(customer.id, user, UserEvent.Kind.DELETE));
  }

  public synchronized EmulatedUser undeleteUser(String userId) {
    EmulatedUser user = deletedUsers.get(userId);
    if (user == null) {
      throw AdminException.notFound("no deleted user " + userId);
    }
    requireFreeAddress(user.primaryEmail);
    user.aliases.forEach(this::requireFreeAddress);
    deletedUsers.remove(userId);
    troubles.undeleted(user);
    user.version++;
    usersById.put(user.id, user);
    index(customers.get(user.customerId), user);
    userEvents.accept(new UserEvent(user.customerId, user, UserEvent.Kind.UNDELETE));
    return user;
  }

  /** A user by id, primary email or alias. */
  public Optional<EmulatedUser> user(String userKey) {
    if (userKey == null) {
      return Optional.empty();
    }
    EmulatedUser byId = usersById.get(userKey);
    return byId != null
        ? Optional.of(byId)
        : Optional.ofNullable(usersByAddress.get(userKey.toLowerCase(Locale.ROOT)));
  }

  public EmulatedUser requireUser(String userKey) {
    return user(userKey).orElseThrow(() -> AdminException.notFound("no user " + userKey));
  }

  public int userCount() {
    return usersById.size();
  }

  // ---------------------------------------------------------------- groups and roles

  public synchronized EmulatedGroup createGroup(
      String customerId, String email, String name, String description) {
    Customer customer = requireCustomer(customerId);
    String address = Validation.email(email, "email");
    requireOwned(customer, address);
    requireFreeAddress(address);
    if (groupsByEmail.containsKey(address)) {
      throw AdminException.conflict("group " + address + " exists");
    }
    EmulatedGroup group =
        new EmulatedGroup(
            randomAlnum(15).toLowerCase(Locale.ROOT),
            customerId,
            address,
            Validation.text(name == null ? address : name, "name", 200),
            Validation.text(description == null ? "" : description, "description", 4096));
    groupsByEmail.put(address, group);
    groupsById.put(group.id, group);
    customer.groupsByEmail.put(address, group);
    return group;
  }

  /** Adds a user or a group to a group. */
  public synchronized EmulatedGroup.Member addMember(
      String groupKey, String memberEmail, String role) {
    EmulatedGroup group = requireGroup(groupKey);
    String email = Validation.email(memberEmail, "email");
    String memberRole = role == null ? "MEMBER" : role.toUpperCase(Locale.ROOT);
    if (!Set.of("OWNER", "MANAGER", "MEMBER").contains(memberRole)) {
      throw AdminException.badRequest("role must be OWNER, MANAGER or MEMBER: " + role);
    }
    EmulatedGroup.Member member;
    Optional<EmulatedUser> user = user(email);
    EmulatedGroup nested = groupsByEmail.get(email);
    if (user.isPresent()) {
      member = new EmulatedGroup.Member(user.get().id, user.get().primaryEmail, "USER", memberRole);
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

  public Optional<EmulatedGroup> group(String groupKey) {
    if (groupKey == null) {
      return Optional.empty();
    }
    EmulatedGroup byId = groupsById.get(groupKey);
    return byId != null
        ? Optional.of(byId)
        : Optional.ofNullable(groupsByEmail.get(groupKey.toLowerCase(Locale.ROOT)));
  }

  public EmulatedGroup requireGroup(String groupKey) {
    return group(groupKey).orElseThrow(() -> AdminException.notFound("no group " + groupKey));
  }

  /**
   * Removes a user or a group from a group's direct members. Like Google, nothing is notified:
   * users.watch covers users only.
   */
  public synchronized EmulatedGroup.Member removeMember(String groupKey, String memberKey) {
    EmulatedGroup group = requireGroup(groupKey);
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
  public List<EmulatedGroup> directGroupsOf(EmulatedUser user) {
    Customer customer = customers.get(user.customerId);
    return customer.groupsByEmail.values().stream()
        .filter(group -> group.members().stream().anyMatch(m -> m.id().equals(user.id)))
        .toList();
  }

  /** The groups a user belongs to, directly or through nested groups. */
  public List<EmulatedGroup> groupsOf(EmulatedUser user) {
    Customer customer = customers.get(user.customerId);
    Set<EmulatedGroup> found = new LinkedHashSet<>();
    Set<String> frontier = Set.of(user.primaryEmail);
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

  public synchronized RoleAssignment assignRole(
      String customerId, String userKey, String roleName) {
    Customer customer = requireCustomer(customerId);
    EmulatedUser user = requireUser(userKey);
    if (!user.customerId.equals(customerId)) {
      throw AdminException.badRequest(userKey + " is not a user of customer " + customerId);
    }
    boolean wasSuperAdmin = isSuperAdmin(user);
    RoleAssignment assignment = assign(customer, user.id, RoleAssignment.USER, roleName);
    if (!wasSuperAdmin && isSuperAdmin(user)) {
      userEvents.accept(new UserEvent(customerId, user, UserEvent.Kind.MAKE_ADMIN));
    }
    return assignment;
  }

  /**
   * Assigns a role to a group: its members, direct or through nested groups, hold the role (Google
   * lists it for them only with {@code includeIndirectRoleAssignments=true}). Super Admin is
   * refused, as Google's Admin console refuses it.
   */
  public synchronized RoleAssignment assignRoleToGroup(
      String customerId, String groupKey, String roleName) {
    Customer customer = requireCustomer(customerId);
    EmulatedGroup group = requireGroup(groupKey);
    if (!group.customerId.equals(customerId)) {
      throw AdminException.badRequest(groupKey + " is not a group of customer " + customerId);
    }
    // The Admin console refuses a group as Super Admin with this message: super admins are
    // always assigned one by one.
    if (customer.roles.stream()
        .anyMatch(r -> r.roleName().equals(roleName) && r.isSuperAdminRole())) {
      throw AdminException.badRequest("Groups are not allowed to be added to this role.");
    }
    return assign(customer, group.id, RoleAssignment.GROUP, roleName);
  }

  /**
   * Creates a custom role (Google's {@code roles.insert}): never a system or super admin role.
   * Google allows 750 custom roles per organisation (Directory API guide "Manage roles").
   */
  public synchronized Role createRole(
      String customerId, String roleName, String description, List<String> privileges) {
    Customer customer = requireCustomer(customerId);
    String name = Validation.text(roleName, "roleName", 100);
    if (name.isBlank()) {
      throw AdminException.badRequest("roleName is required");
    }
    if (customer.roles.stream().anyMatch(r -> r.roleName().equals(name))) {
      throw AdminException.conflict("role " + name + " exists");
    }
    if (customer.roles.stream().filter(r -> !r.isSystemRole()).count() >= MAX_CUSTOM_ROLES) {
      throw AdminException.badRequest(
          "a customer has at most " + MAX_CUSTOM_ROLES + " custom roles");
    }
    Role role =
        new Role(
            randomDigits(17),
            name,
            Validation.text(description == null ? "" : description, "description", 4096),
            false,
            false,
            "00haapch16h1ysv",
            privileges == null || privileges.isEmpty() ? List.of("USERS_RETRIEVE") : privileges);
    customer.roles.add(role);
    return role;
  }

  public synchronized void removeRoleAssignment(String customerId, String roleAssignmentId) {
    Customer customer = requireCustomer(customerId);
    if (!customer.roleAssignments.removeIf(a -> a.roleAssignmentId().equals(roleAssignmentId))) {
      throw AdminException.notFound("no role assignment " + roleAssignmentId);
    }
  }

  public boolean isSuperAdmin(EmulatedUser user) {
    Customer customer = customers.get(user.customerId);
    // Super Admin cannot be held through a group (assignRoleToGroup refuses it).
    return roleAssignmentsOf(user, false).stream()
        .anyMatch(assignment -> role(customer, assignment.roleId()).isSuperAdminRole());
  }

  /**
   * Whether the user holds any admin role, directly or through a group (nested groups included):
   * only admins may read the directory.
   */
  public boolean isAnyAdmin(EmulatedUser user) {
    Customer customer = customers.get(user.customerId);
    List<RoleAssignment> all = customer.roleAssignments();
    if (all.stream().anyMatch(a -> a.assignedTo().equals(user.id))) {
      return true;
    }
    if (all.stream().noneMatch(a -> RoleAssignment.GROUP.equals(a.assigneeType()))) {
      return false;
    }
    Set<String> groups = new HashSet<>();
    groupsOf(user).forEach(group -> groups.add(group.id));
    return all.stream().anyMatch(a -> groups.contains(a.assignedTo()));
  }

  /**
   * The role assignments roleAssignments.list answers for a user: their own, and with {@code
   * indirect} those of the groups the user is a direct member of. Google does not document whether
   * a group nested in an assigned group passes its roles on in this answer: the emulator lists only
   * direct groups' assignments, the answer hardest for a client.
   */
  public List<RoleAssignment> roleAssignmentsOf(EmulatedUser user, boolean indirect) {
    Customer customer = customers.get(user.customerId);
    List<RoleAssignment> all = customer.roleAssignments();
    Set<String> assignees = new HashSet<>();
    assignees.add(user.id);
    if (indirect && all.stream().anyMatch(a -> RoleAssignment.GROUP.equals(a.assigneeType()))) {
      for (EmulatedGroup group : customer.groupsByEmail.values()) {
        if (group.members().stream().anyMatch(m -> m.email().equals(user.primaryEmail))) {
          assignees.add(group.id);
        }
      }
    }
    return all.stream().filter(a -> assignees.contains(a.assignedTo())).toList();
  }

  // ---------------------------------------------------------------- tokens

  public AccessToken issueToken(
      ServiceAccount account, EmulatedUser subject, Set<String> scopes, Instant expiresAt) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String value = "ya29.emu-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    AccessToken token =
        new AccessToken(
            value,
            account.clientId(),
            account.projectId(),
            subject == null ? null : subject.id,
            subject == null ? null : subject.primaryEmail,
            Set.copyOf(scopes),
            expiresAt);
    tokens.put(value, token);
    return token;
  }

  public Optional<AccessToken> token(String value) {
    return Optional.ofNullable(tokens.get(value));
  }

  /** Makes every issued token expired, so clients must refresh. */
  public void expireAllTokens() {
    Instant now = clock.instant();
    tokens.replaceAll(
        (value, token) ->
            new AccessToken(
                token.token(),
                token.clientId(),
                token.projectId(),
                token.subjectUserId(),
                token.subjectEmail(),
                token.scopes(),
                now));
  }

  // ---------------------------------------------------------------- Gmail writes

  /** Records a write Gmail accepted. */
  public void logWrite(
      AccessToken token, EmulatedUser user, String sendAsEmail, String method, String signature) {
    synchronized (writeLog) {
      if (writeLog.size() >= WRITE_LOG_CAPACITY) {
        writeLog.subList(0, WRITE_LOG_CAPACITY / 10).clear();
      }
      writeLog.add(
          new WriteLogEntry(
              writeSequence.incrementAndGet(),
              clock.instant(),
              token.clientId(),
              token.subjectEmail(),
              user.id,
              sendAsEmail,
              method,
              signature.length(),
              sha256(signature)));
    }
  }

  /** Writes with a sequence above {@code afterSequence}, oldest first, at most {@code limit}. */
  public List<WriteLogEntry> writes(long afterSequence, int limit) {
    synchronized (writeLog) {
      return writeLog.stream()
          .filter(entry -> entry.sequence() > afterSequence)
          .limit(limit)
          .toList();
    }
  }

  public long writeCount() {
    return writeSequence.get();
  }

  /** Google's side of accounts: deletions, restrictions, disabled service accounts, user limits. */
  public AccountTroubles troubles() {
    return troubles;
  }

  /**
   * Google restricts or disables the user (or lifts it, with {@code GOOD}); the user's tokens stop
   * working, as a restriction ends the sessions.
   */
  public synchronized void setStanding(String userKey, AccountTroubles.Standing standing) {
    EmulatedUser user = requireUser(userKey);
    troubles.setStanding(user, standing);
    if (standing != AccountTroubles.Standing.GOOD) {
      tokens.values().removeIf(token -> user.id.equals(token.subjectUserId()));
    }
  }

  /** The service account is disabled or deleted in its Cloud project; its tokens stop working. */
  public synchronized void setStanding(
      String clientId, AccountTroubles.ServiceAccountStanding standing) {
    ServiceAccount account = requireServiceAccount(clientId);
    troubles.setStanding(account, standing);
    if (standing != AccountTroubles.ServiceAccountStanding.ACTIVE) {
      tokens.values().removeIf(token -> token.clientId().equals(clientId));
    }
  }

  /** Every Gmail call acting as the user is refused at its per-user rate limit until then. */
  public void limitUser(String userKey, Instant until) {
    troubles.limit(requireUser(userKey), until);
  }

  /** Forgets everything: customers, users, accounts, tokens and the write log. */
  public synchronized void reset() {
    troubles.clear();
    customers.clear();
    customerByDomain.clear();
    usersById.clear();
    usersByAddress.clear();
    deletedUsers.clear();
    groupsByEmail.clear();
    groupsById.clear();
    serviceAccountsByEmail.clear();
    serviceAccountsById.clear();
    tokens.clear();
    synchronized (writeLog) {
      writeLog.clear();
      writeSequence.set(0);
    }
  }

  // ---------------------------------------------------------------- internals

  private RoleAssignment assign(Customer customer, EmulatedUser user, String roleName) {
    return assign(customer, user.id, RoleAssignment.USER, roleName);
  }

  private RoleAssignment assign(
      Customer customer, String assigneeId, String assigneeType, String roleName) {
    Role role =
        customer.roles.stream()
            .filter(r -> r.roleName().equals(roleName))
            .findFirst()
            .orElseThrow(() -> AdminException.badRequest("no role named " + roleName));
    Optional<RoleAssignment> existing =
        customer.roleAssignments.stream()
            .filter(a -> a.assignedTo().equals(assigneeId) && a.roleId().equals(role.roleId()))
            .findFirst();
    if (existing.isPresent()) {
      return existing.get();
    }
    RoleAssignment assignment =
        new RoleAssignment(randomDigits(17), role.roleId(), assigneeId, assigneeType);
    customer.roleAssignments.add(assignment);
    return assignment;
  }

  private static Role role(Customer customer, String roleId) {
    return customer.roles.stream().filter(r -> r.roleId().equals(roleId)).findFirst().orElseThrow();
  }

  private List<Role> systemRoles() {
    return List.of(
        new Role(
            randomDigits(17),
            Role.SUPER_ADMIN,
            "Super Admin",
            true,
            true,
            "00haapch16h1ysv",
            List.of("SUPER_ADMIN")),
        new Role(
            randomDigits(17),
            Role.GROUPS_ADMIN,
            "Groups Administrator",
            true,
            false,
            "00haapch16h1ysv",
            List.of("GROUPS_ALL")),
        new Role(
            randomDigits(17),
            Role.USER_MANAGEMENT_ADMIN,
            "User Management Administrator",
            true,
            false,
            "00haapch16h1ysv",
            List.of("USERS_ALL")),
        new Role(
            randomDigits(17),
            Role.SERVICES_ADMIN,
            "Services Administrator",
            true,
            false,
            "00haapch16h1ysv",
            List.of("MANAGE_SERVICES")),
        new Role(
            randomDigits(17),
            Role.HELP_DESK_ADMIN,
            "Help Desk Administrator",
            true,
            false,
            "00haapch16h1ysv",
            List.of("USERS_RETRIEVE", "USERS_RESET_PASSWORD")));
  }

  private void apply(EmulatedUser user, UserSpec spec) {
    if (spec.givenName() != null) {
      user.givenName = Validation.text(spec.givenName(), "givenName", 60);
    }
    if (spec.familyName() != null) {
      user.familyName = Validation.text(spec.familyName(), "familyName", 60);
    }
    if (spec.title() != null) {
      user.title = Validation.text(spec.title(), "title", 500).isEmpty() ? null : spec.title();
    }
    if (spec.department() != null) {
      user.department =
          Validation.text(spec.department(), "department", 500).isEmpty()
              ? null
              : spec.department();
    }
    if (spec.phones() != null) {
      user.phones = spec.phones().stream().map(WorkspaceState::phone).toList();
    }
    if (spec.addresses() != null) {
      user.addresses = spec.addresses().stream().map(WorkspaceState::address).toList();
    }
    if (spec.orgUnitPath() != null) {
      if (!spec.orgUnitPath().startsWith("/")) {
        throw AdminException.badRequest("orgUnitPath starts with /: " + spec.orgUnitPath());
      }
      user.orgUnitPath = spec.orgUnitPath();
    }
    if (spec.suspended() != null) {
      user.suspended = spec.suspended();
    }
    if (spec.archived() != null) {
      user.archived = spec.archived();
    }
    if (spec.gmailEnabled() != null) {
      user.gmailEnabled = spec.gmailEnabled();
    }
    if (spec.customSchemas() != null) {
      user.customSchemas = new LinkedHashMap<>(spec.customSchemas());
    }
    if (spec.thumbnailPhotoUrl() != null) {
      user.thumbnailPhotoUrl = spec.thumbnailPhotoUrl();
    }
  }

  private static Map<String, Object> phone(UserSpec.Phone phone) {
    if (phone.value() == null || phone.value().isBlank()) {
      throw AdminException.badRequest("a phone needs a value");
    }
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("value", phone.value());
    map.put("type", phone.type() == null ? "work" : phone.type());
    if (phone.primary() != null) {
      map.put("primary", phone.primary());
    }
    return map;
  }

  private static Map<String, Object> address(UserSpec.Address address) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("type", address.type() == null ? "work" : address.type());
    putIfPresent(map, "formatted", address.formatted());
    putIfPresent(map, "streetAddress", address.streetAddress());
    putIfPresent(map, "locality", address.locality());
    putIfPresent(map, "region", address.region());
    putIfPresent(map, "postalCode", address.postalCode());
    putIfPresent(map, "country", address.country());
    if (address.primary() != null) {
      map.put("primary", address.primary());
    }
    return map;
  }

  private static void putIfPresent(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  private List<String> checkedAliases(Customer customer, List<String> aliases, EmulatedUser self) {
    if (aliases == null) {
      return List.of();
    }
    List<String> checked = new ArrayList<>();
    for (String alias : aliases) {
      String address = Validation.email(alias, "alias");
      requireOwned(customer, address);
      EmulatedUser holder = usersByAddress.get(address);
      if ((holder != null && holder != self) || groupsByEmail.containsKey(address)) {
        throw AdminException.conflict("address " + address + " is already in use");
      }
      if (!checked.contains(address)) {
        checked.add(address);
      }
    }
    return checked;
  }

  private void requireOwned(Customer customer, String email) {
    if (!customer.ownsDomainOf(email)) {
      throw AdminException.badRequest(
          email + " is not in a domain of customer " + customer.id + " " + customer.domains);
    }
  }

  private void requireFreeAddress(String email) {
    if (usersByAddress.containsKey(email) || groupsByEmail.containsKey(email)) {
      throw AdminException.conflict("address " + email + " is already in use");
    }
  }

  private void index(Customer customer, EmulatedUser user) {
    usersById.put(user.id, user);
    usersByAddress.put(user.primaryEmail, user);
    user.aliases.forEach(alias -> usersByAddress.put(alias, user));
    customer.usersByEmail.put(user.primaryEmail, user);
  }

  private void unindex(Customer customer, EmulatedUser user) {
    usersByAddress.remove(user.primaryEmail);
    user.aliases.forEach(usersByAddress::remove);
    customer.usersByEmail.remove(user.primaryEmail);
  }

  private String newUserId() {
    String id;
    do {
      id = "1" + randomDigits(20);
    } while (usersById.containsKey(id) || deletedUsers.containsKey(id));
    return id;
  }

  private String randomDigits(int count) {
    StringBuilder digits = new StringBuilder(count);
    for (int i = 0; i < count; i++) {
      digits.append((char) ('0' + random.nextInt(10)));
    }
    return digits.toString();
  }

  private String randomAlnum(int count) {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder text = new StringBuilder(count);
    for (int i = 0; i < count; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
