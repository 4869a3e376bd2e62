package io.signet.directory.service;

import com.google.api.services.directory.model.Member;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.signet.directory.config.GroupSyncConfig;
import io.signet.directory.repository.GroupGraphRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Each tenant's group graph, kept in PostgreSQL, and the one place nested groups are expanded.
 * Google lists direct memberships only (groups.list?userKey=, members.list), so a full sync, a
 * user's notification and the group reconciliation all read direct memberships into this graph and
 * take a user's groups from its expansion: the three can never disagree about a user.
 */
@ApplicationScoped
public class GroupGraph {

  private final GroupGraphRepository graph;
  private final int queriesPerMinute;

  public GroupGraph(GroupGraphRepository graph, GroupSyncConfig config) {
    this.graph = graph;
    this.queriesPerMinute = config.maxQueriesPerMinute();
  }

  /** A pacer for one read of a tenant, at the configured bound. */
  QueryPacer pacer() {
    return new QueryPacer(queriesPerMinute);
  }

  /**
   * Reads every group and its direct members into a new generation (not yet current). Costs
   * ceil(G/200) groups.list plus, per group, ceil(members/200) members.list (at least one).
   */
  public void read(
      TenantDirectoryReader.Session directory, String tenantId, UUID generation, QueryPacer pacer) {
    directory.eachGroup(
        pacer,
        (group, members) -> {
          List<GroupGraphRepository.Member> edges =
              members.stream()
                  // CUSTOMER members (the whole organisation) are not expanded: see the README
                  .filter(m -> "USER".equals(m.getType()) || "GROUP".equals(m.getType()))
                  .filter(m -> m.getEmail() != null)
                  .map(GroupGraph::edge)
                  .toList();
          // a group without members still exists: nothing to record for it
          if (!edges.isEmpty()) {
            QuarkusTransaction.requiringNew()
                .run(() -> graph.addEdges(tenantId, generation, group.getEmail(), edges));
          }
        });
  }

  /** Makes a complete read current, whatever was current before (a full sync's read). */
  public void commit(String tenantId, UUID generation) {
    QuarkusTransaction.requiringNew()
        .run(() -> graph.swap(tenantId, generation, null, Instant.now()));
  }

  /** Makes a complete read current if {@code expected} still is; otherwise drops it. */
  boolean commitIfCurrent(String tenantId, UUID generation, UUID expected) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              boolean swapped = graph.swap(tenantId, generation, expected, Instant.now());
              if (!swapped) {
                graph.discard(tenantId, generation);
              }
              return swapped;
            });
  }

  /** Drops a read that did not become current (it failed part way). */
  public void discard(String tenantId, UUID generation) {
    QuarkusTransaction.requiringNew().run(() -> graph.discard(tenantId, generation));
  }

  /** Every group of each user in a generation, nested groups expanded. */
  public Map<String, List<String>> groupsOf(
      String tenantId, UUID generation, Collection<String> userEmails) {
    return QuarkusTransaction.requiringNew()
        .call(() -> graph.groupsOf(tenantId, generation, userEmails));
  }

  /**
   * A user's groups after a notification: the groups it is directly in, as Google answers now,
   * replace its direct memberships in the current graph, and the answer is their expansion — the
   * same as a full sync gives when nothing changed.
   */
  public List<String> refreshUser(
      TenantDirectoryReader.Session directory, String tenantId, String userEmail) {
    List<String> direct = directory.directGroupsOf(userEmail, pacer());
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              UUID current = graph.currentOrCreate(tenantId);
              graph.replaceDirectGroups(tenantId, current, userEmail, direct);
              return graph
                  .groupsOf(tenantId, current, List.of(userEmail))
                  .getOrDefault(userEmail.toLowerCase(), List.of());
            });
  }

  /** The tenant's current generation, if its groups were ever read. */
  java.util.Optional<UUID> current(String tenantId) {
    return QuarkusTransaction.requiringNew().call(() -> graph.current(tenantId));
  }

  /** Takes the tenant's reconciliation if one is due (and its groups were read before). */
  boolean claimReconciliation(String tenantId, java.time.Duration interval) {
    return QuarkusTransaction.requiringNew()
        .call(() -> graph.claimReconciliation(tenantId, Instant.now(), interval));
  }

  /**
   * The users whose groups differ between two generations, with their groups in {@code after} (an
   * empty list for a user who left every group). Only members whose direct memberships changed, and
   * the users under them, are looked at.
   */
  Map<String, List<String>> changedUsers(String tenantId, UUID before, UUID after) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              List<GroupGraphRepository.Member> changed =
                  graph.changedMembers(tenantId, before, after);
              java.util.Set<String> candidates =
                  new java.util.TreeSet<>(graph.usersUnder(tenantId, before, changed));
              candidates.addAll(graph.usersUnder(tenantId, after, changed));
              Map<String, List<String>> was = graph.groupsOf(tenantId, before, candidates);
              Map<String, List<String>> is = graph.groupsOf(tenantId, after, candidates);
              Map<String, List<String>> users = new java.util.TreeMap<>();
              for (String user : candidates) {
                List<String> now = sorted(is.get(user));
                if (!now.equals(sorted(was.get(user)))) {
                  users.put(user, now);
                }
              }
              return users;
            });
  }

  private static List<String> sorted(List<String> groups) {
    return groups == null ? List.of() : groups.stream().distinct().sorted().toList();
  }

  /** The tenant is gone. */
  public void forget(String tenantId) {
    QuarkusTransaction.requiringNew().run(() -> graph.forget(tenantId));
  }

  private static GroupGraphRepository.Member edge(Member member) {
    return new GroupGraphRepository.Member(
        member.getEmail().toLowerCase(), Objects.requireNonNull(member.getType()));
  }
}
