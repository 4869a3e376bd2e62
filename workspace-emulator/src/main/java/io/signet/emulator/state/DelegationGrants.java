package io.signet.emulator.state;

import java.util.List;
import java.util.Set;

/**
 * Domain-wide delegation: which OAuth client ids a customer's admin trusts with which scopes. The
 * grants live on the {@link Customer} (the token endpoint reads them there).
 */
final class DelegationGrants {

  private DelegationGrants() {}

  /** Grants (or replaces the grant of) domain-wide delegation to a client id. */
  static void grant(Customer customer, String clientId, List<String> scopes) {
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

  static void revoke(Customer customer, String clientId) {
    if (customer.delegations.remove(clientId) == null) {
      throw AdminException.notFound("customer " + customer.id + " has no grant for " + clientId);
    }
  }
}
