package io.signet.push.service;

import io.signet.events.SignatureRendered;
import io.signet.events.Topics;
import io.signet.push.config.PushConfig;
import io.signet.push.repository.DesiredSignature;
import io.signet.push.repository.PushHistoryRepository;
import io.signet.push.repository.PushHistoryRepository.Outcome;
import io.signet.push.repository.PushTargetRepository;
import io.signet.push.repository.PushTargetRepository.Ingested;
import io.signet.push.repository.PushUserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns rendered signatures into desired state: the latest per user wins (newer content replaces
 * content still waiting), addresses a user no longer has are forgotten, content Gmail already holds
 * is recorded UNCHANGED without a call, and a user's directory change re-arms the addresses that
 * failed for the user's account.
 */
@ApplicationScoped
public class DesiredSignatures {

  private final PushTargetRepository targets;
  private final PushUserRepository users;
  private final PushHistoryRepository history;
  private final PushMetrics metrics;
  private final PushDispatcher dispatcher;
  private final PushConfig config;

  public DesiredSignatures(
      PushTargetRepository targets,
      PushUserRepository users,
      PushHistoryRepository history,
      PushMetrics metrics,
      PushDispatcher dispatcher,
      PushConfig config) {
    this.config = config;
    this.targets = targets;
    this.users = users;
    this.history = history;
    this.metrics = metrics;
    this.dispatcher = dispatcher;
  }

  /** Users of a batch, as aligned columns. */
  private static final class Rendered {
    final List<String> tenants = new ArrayList<>();
    final List<String> users = new ArrayList<>();
    final List<String> subjects = new ArrayList<>();
    final List<String> aliases = new ArrayList<>();

    void add(Topics.UserKey user, String subject, List<String> aliasesWithoutSendAs) {
      tenants.add(user.tenantId());
      users.add(user.userId());
      subjects.add(subject);
      aliases.add(String.join(",", aliasesWithoutSendAs));
    }
  }

  /**
   * Stores a batch of {@code signet.signatures} records in one transaction.
   *
   * @param latest per user key, the last record of the batch: its event, or null for a tombstone
   */
  @Transactional
  public void store(Map<String, SignatureRendered> latest) {
    List<String> userTenants = new ArrayList<>();
    List<String> userIds = new ArrayList<>();
    Rendered rendered = new Rendered();
    Rendered gone = new Rendered();
    Map<String, DesiredSignature> desired = new LinkedHashMap<>();
    latest.forEach(
        (key, event) -> {
          Topics.UserKey user = Topics.parseUserKey(key);
          userTenants.add(user.tenantId());
          userIds.add(user.userId());
          if (event == null || event.targets().isEmpty()) {
            gone.add(user, null, List.of());
            return;
          }
          String subject = event.targets().get(0).sendAsEmail();
          rendered.add(user, subject, event.aliasesWithoutSendAs());
          int priority = event.cause().singleUser() ? 0 : 1;
          for (SignatureRendered.Target target : event.targets()) {
            desired.put(
                user.tenantId() + "/" + target.sendAsEmail().toLowerCase(),
                new DesiredSignature(
                    user.tenantId(),
                    user.userId(),
                    target.sendAsEmail(),
                    subject,
                    target.html(),
                    target.contentHash(),
                    event.cause().name(),
                    priority));
          }
        });
    // a single user's change goes ahead of bulk work, but not the first signature of an address:
    // an onboarding (every address new) is bulk work, however its users were read
    List<DesiredSignature> proposed = List.copyOf(desired.values());
    Set<String> known =
        targets.existing(
            proposed.stream().map(DesiredSignature::tenantId).toList(),
            proposed.stream().map(DesiredSignature::sendAsEmail).toList());
    List<DesiredSignature> rows =
        proposed.stream()
            .map(
                row ->
                    row.priority() == 0 && !known.contains(row.tenantId() + "/" + row.sendAsEmail())
                        ? row.asBulk()
                        : row)
            .toList();
    targets.forget(
        userTenants,
        userIds,
        rows.stream().map(DesiredSignature::tenantId).toList(),
        rows.stream().map(DesiredSignature::sendAsEmail).toList());
    users.saveRendered(rendered.tenants, rendered.users, rendered.subjects, rendered.aliases);
    users.forget(gone.tenants, gone.users);
    int waiting = 0;
    for (Ingested row :
        targets.storeDesired(rows, config.coalesceWindow(), PushFailure.SUBJECT_REASONS)) {
      if ("APPLIED".equals(row.state())) {
        history.add(
            new Outcome(
                0,
                row.tenantId(),
                row.userId(),
                row.sendAsEmail(),
                "UNCHANGED",
                null,
                null,
                0,
                0,
                row.contentHash(),
                null));
        metrics.write(row.tenantId(), "UNCHANGED", null);
      } else {
        waiting++;
      }
    }
    if (waiting > 0) {
      dispatcher.wake();
    }
  }
}
