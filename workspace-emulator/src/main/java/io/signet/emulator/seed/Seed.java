package io.signet.emulator.seed;

import io.signet.emulator.state.AdminException;
import io.signet.emulator.state.Customer;
import io.signet.emulator.state.UserSpec;
import io.signet.emulator.state.WorkspaceState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole emulated Workspace in one document — the standalone emulator's seed file and the admin
 * API's {@code POST /emulator/v1/seed} body.
 *
 * <pre>{@code
 * {"serviceAccounts": [{"projectId": "signet-demo", "name": "signet-connector"}],
 *  "customers": [{"customerId": "C0demo", "domains": ["demo.test"],
 *                 "delegations": [{"serviceAccount": "signet-connector@signet-demo.iam.gserviceaccount.com",
 *                                  "scopes": ["https://www.googleapis.com/auth/gmail.settings.basic"]}],
 *                 "users": [{"primaryEmail": "admin@demo.test", "givenName": "Ada", "familyName": "Admin"}],
 *                 "generate": {"count": 300, "seed": 1},
 *                 "groups": [{"email": "all@demo.test", "name": "All", "members": ["admin@demo.test"]}],
 *                 "roleAssignments": [{"userKey": "admin@demo.test", "roleName": "_SEED_ADMIN_ROLE"}]}]}
 * }</pre>
 */
public record Seed(List<ServiceAccountSeed> serviceAccounts, List<CustomerSeed> customers) {

  /** A service account to create. */
  public record ServiceAccountSeed(String projectId, String name) {}

  /** A delegation grant, to a service account of this seed (by email) or a client id. */
  public record DelegationSeed(String serviceAccount, String clientId, List<String> scopes) {}

  /** Users to generate; see {@link UserGenerator}. */
  public record GenerateSeed(int count, long seed) {}

  /** A group and the addresses of its members. */
  public record GroupSeed(String email, String name, String description, List<String> members) {}

  /** A role given to a user. */
  public record RoleAssignmentSeed(String userKey, String roleName) {}

  /** A customer with everything in it. */
  public record CustomerSeed(
      String customerId,
      List<String> domains,
      List<DelegationSeed> delegations,
      List<UserSpec> users,
      GenerateSeed generate,
      List<GroupSeed> groups,
      List<RoleAssignmentSeed> roleAssignments) {}

  /**
   * Creates everything in {@code state}.
   *
   * @return the created service accounts (with their key JSON) and customers
   */
  public Map<String, Object> applyTo(WorkspaceState state, String tokenUri) {
    Map<String, String> clientIds = new LinkedHashMap<>();
    List<Map<String, Object>> accounts = new ArrayList<>();
    for (ServiceAccountSeed account : list(serviceAccounts)) {
      var key = state.createServiceAccount(account.projectId(), account.name(), tokenUri);
      String email = account.name() + "@" + account.projectId() + ".iam.gserviceaccount.com";
      String clientId = state.serviceAccountByEmail(email).orElseThrow().clientId();
      clientIds.put(email, clientId);
      accounts.add(Map.of("clientEmail", email, "clientId", clientId, "keyJson", key.json()));
    }
    List<Map<String, Object>> created = new ArrayList<>();
    for (CustomerSeed seed : list(customers)) {
      Customer customer = state.createCustomer(seed.customerId(), seed.domains());
      for (DelegationSeed delegation : list(seed.delegations())) {
        String clientId =
            delegation.clientId() != null
                ? delegation.clientId()
                : clientIds.get(delegation.serviceAccount());
        if (clientId == null) {
          throw AdminException.badRequest("unknown service account " + delegation.serviceAccount());
        }
        state.setDelegation(customer.id(), clientId, delegation.scopes());
      }
      createAll(state, customer.id(), list(seed.users()));
      if (seed.generate() != null) {
        String domain = customer.domains().stream().sorted().findFirst().orElseThrow();
        createAll(
            state,
            customer.id(),
            UserGenerator.generate(
                domain,
                seed.generate().count(),
                seed.generate().seed(),
                address -> state.user(address).isPresent()));
      }
      for (GroupSeed group : list(seed.groups())) {
        state.createGroup(customer.id(), group.email(), group.name(), group.description());
        list(group.members()).forEach(member -> state.addMember(group.email(), member, null));
      }
      for (RoleAssignmentSeed assignment : list(seed.roleAssignments())) {
        state.assignRole(customer.id(), assignment.userKey(), assignment.roleName());
      }
      created.add(Map.of("customerId", customer.id(), "users", customer.usersByEmail().size()));
    }
    return Map.of("serviceAccounts", accounts, "customers", created);
  }

  /** Creates users all or none: the first refused one stops the batch with its reason. */
  public static int createAll(WorkspaceState state, String customerId, List<UserSpec> users) {
    return state.createUsers(customerId, users).size();
  }

  private static <T> List<T> list(List<T> list) {
    return list == null ? List.of() : list;
  }
}
