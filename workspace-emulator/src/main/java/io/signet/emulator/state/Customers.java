package io.signet.emulator.state;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The Workspace customers (organisations), by id and by the domains they own. */
final class Customers {

  private final Map<String, Customer> byId = new ConcurrentHashMap<>();
  private final Map<String, String> idByDomain = new ConcurrentHashMap<>();
  private final Ids ids;

  Customers(Ids ids) {
    this.ids = ids;
  }

  Customer create(String requestedId, Collection<String> domains) {
    if (domains == null || domains.isEmpty()) {
      throw AdminException.badRequest("a customer needs at least one domain");
    }
    List<String> checked = domains.stream().map(Validation::domain).distinct().toList();
    for (String domain : checked) {
      if (idByDomain.containsKey(domain)) {
        throw AdminException.conflict("domain " + domain + " already belongs to a customer");
      }
    }
    String id = requestedId == null ? "C0" + ids.alnum(7) : requestedId;
    if (!id.matches("[A-Za-z0-9]{3,20}")) {
      throw AdminException.badRequest("customerId must be 3-20 letters or digits: " + id);
    }
    if (byId.containsKey(id)) {
      throw AdminException.conflict("customer " + id + " exists");
    }
    Customer customer = new Customer(id, Roles.systemRoles(ids));
    customer.domains.addAll(checked);
    byId.put(id, customer);
    checked.forEach(domain -> idByDomain.put(domain, id));
    return customer;
  }

  Optional<Customer> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  Customer require(String id) {
    return find(id).orElseThrow(() -> AdminException.notFound("no customer " + id));
  }

  /** The customer of a user or group that exists: always there. */
  Customer of(String id) {
    return byId.get(id);
  }

  Collection<Customer> all() {
    return List.copyOf(byId.values());
  }

  void clear() {
    byId.clear();
    idByDomain.clear();
  }

  /** Refuses an address outside the customer's domains. */
  static void requireOwned(Customer customer, String email) {
    if (!customer.ownsDomainOf(email)) {
      throw AdminException.badRequest(
          email + " is not in a domain of customer " + customer.id + " " + customer.domains);
    }
  }
}
