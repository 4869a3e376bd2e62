package io.signet.render.service;

import io.signet.events.DirectoryUser;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which template a user gets: rules are tried in their order, the first whose audience includes the
 * user wins.
 *
 * @param position order among the tenant's rules, lowest first
 * @param includeAliases whether the user's sendAs addresses other than the primary get a signature
 *     too (those in the tenant's domains)
 * @param includeExternalSendAs with {@code includeAliases}, whether sendAs addresses outside the
 *     tenant's domains get it as well
 */
public record AssignmentRule(
    int position,
    Audience audience,
    String templateId,
    boolean includeAliases,
    boolean includeExternalSendAs) {

  /** A rule that signs the addresses in the tenant's domains only. */
  public AssignmentRule(
      int position, Audience audience, String templateId, boolean includeAliases) {
    this(position, audience, templateId, includeAliases, false);
  }

  public static Optional<AssignmentRule> choose(List<AssignmentRule> rules, DirectoryUser user) {
    return rules.stream()
        .sorted(Comparator.comparingInt(AssignmentRule::position))
        .filter(rule -> rule.audience().includes(user))
        .findFirst();
  }
}
