package io.signet.push.service;

import com.google.api.services.gmail.Gmail;
import com.google.api.services.gmail.model.SendAs;
import io.signet.events.SendAsSnapshot;
import io.signet.push.config.PushConfig;
import io.signet.push.repository.PushUserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a user's sendAs list from Gmail ({@code sendAs.list}, 1 quota unit from the project's
 * budget) and records it, so render-service signs the addresses Gmail really has: before the user's
 * first push, on drift checks, and whenever Gmail answers 404 for an address.
 */
@ApplicationScoped
public class SendAsLists {

  private final PushUserRepository users;
  private final ProjectBudgets budgets;
  private final PushMetrics metrics;
  private final PushConfig config;

  public SendAsLists(
      PushUserRepository users, ProjectBudgets budgets, PushMetrics metrics, PushConfig config) {
    this.users = users;
    this.budgets = budgets;
    this.metrics = metrics;
    this.config = config;
  }

  /** The user's sendAs entries as Gmail holds them now, signatures included; recorded. */
  public List<SendAs> read(
      String tenantId, String userId, String subject, String project, Gmail gmail)
      throws IOException {
    budgets.await(project, config.readCost());
    List<SendAs> listed = gmail.users().settings().sendAs().list("me").execute().getSendAs();
    List<SendAs> entries = listed == null ? List.of() : listed;
    metrics.sendAsListed();
    users.recordList(tenantId, userId, subject, addresses(entries));
    return entries;
  }

  /** Records an entry just created on top of the list read before it, without another read. */
  public void created(
      String tenantId, String userId, String subject, List<SendAs> before, SendAs created) {
    List<SendAs> after = new ArrayList<>(before);
    after.add(created);
    users.recordList(tenantId, userId, subject, addresses(after));
    metrics.sendAsCreated(tenantId);
  }

  static boolean has(List<SendAs> entries, String email) {
    return entries.stream().anyMatch(entry -> email.equalsIgnoreCase(entry.getSendAsEmail()));
  }

  private static List<SendAsSnapshot.Address> addresses(List<SendAs> entries) {
    return entries.stream()
        .map(
            entry ->
                new SendAsSnapshot.Address(
                    entry.getSendAsEmail().toLowerCase(java.util.Locale.ROOT),
                    Boolean.TRUE.equals(entry.getIsPrimary()),
                    Boolean.TRUE.equals(entry.getTreatAsAlias()),
                    entry.getVerificationStatus()))
        .toList();
  }
}
