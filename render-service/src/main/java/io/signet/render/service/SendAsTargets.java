package io.signet.render.service;

import io.signet.events.DirectoryUser;
import io.signet.events.SendAsSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which addresses of a user get a signature. Gmail's sendAs list decides, not the Directory: a
 * Directory alias receives mail but is no sendAs entry until someone creates one, and Gmail answers
 * 404 to a signature for it. The primary address always gets one; with the rule's {@code
 * includeAliases}, so do the user's other usable sendAs addresses in the tenant's domains (and
 * outside them with {@code includeExternalSendAs}). Directory aliases without a sendAs are named,
 * and signed too when the tenant lets push-service create their sendAs entries.
 *
 * @param addresses the addresses to sign, the primary first
 * @param aliasesWithoutSendAs Directory aliases the rule would sign that Gmail has no sendAs for
 */
public record SendAsTargets(List<String> addresses, List<String> aliasesWithoutSendAs) {

  /** The primary address alone: the rule signs no alias, or the user's sendAs list is not known. */
  public static SendAsTargets primaryOnly(DirectoryUser user) {
    return new SendAsTargets(List.of(user.primaryEmail()), List.of());
  }

  /**
   * @param gmail the user's sendAs list as push-service last read it, or null before the first read
   *     (only the primary is signed until then: it is the one address sure to exist)
   * @param tenantDomains the tenant's domains, lower case
   * @param createAliasSendAs whether push-service creates the missing sendAs of Directory aliases
   */
  public static SendAsTargets of(
      DirectoryUser user,
      AssignmentRule rule,
      SendAsSnapshot gmail,
      Set<String> tenantDomains,
      boolean createAliasSendAs) {
    if (!rule.includeAliases() || gmail == null) {
      return primaryOnly(user);
    }
    String primary = lower(user.primaryEmail());
    Set<String> listed = new LinkedHashSet<>();
    Set<String> addresses = new LinkedHashSet<>();
    addresses.add(user.primaryEmail());
    for (SendAsSnapshot.Address address : gmail.addresses()) {
      String email = lower(address.sendAsEmail());
      listed.add(email);
      // the list's primary may still be a renamed user's old address: the Directory's wins
      if (address.primary() || email.equals(primary) || !address.usable()) {
        continue;
      }
      if (tenantDomains.contains(domain(email)) || rule.includeExternalSendAs()) {
        addresses.add(email);
      }
    }
    List<String> missing = new ArrayList<>();
    for (String alias : user.aliases()) {
      String email = lower(alias);
      if (!listed.contains(email) && !email.equals(primary)) {
        missing.add(email);
      }
    }
    if (createAliasSendAs) {
      addresses.addAll(missing);
    }
    return new SendAsTargets(List.copyOf(addresses), List.copyOf(missing));
  }

  private static String lower(String email) {
    return email.toLowerCase(Locale.ROOT);
  }

  private static String domain(String email) {
    return email.substring(email.lastIndexOf('@') + 1);
  }
}
