package io.signet.push;

import io.signet.emulator.state.EmulatedUser;
import io.signet.emulator.state.WriteLogEntry;
import io.signet.events.EventRecords;
import io.signet.events.RenderCause;
import io.signet.events.SignatureRendered;
import io.signet.events.Topics;
import io.signet.testing.TenantOnboarding;
import io.signet.testing.TestEmulator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Rendered signatures as render-service publishes them, and what the emulated Gmail wrote. */
final class Signatures {

  private Signatures() {}

  /** The tenant's users render-service would render: not suspended nor archived. */
  static List<EmulatedUser> renderable(TenantOnboarding tenant) {
    return tenant.google.requireCustomer(tenant.customerId).usersByEmail().values().stream()
        .filter(user -> !user.suspended() && !user.archived())
        .sorted(java.util.Comparator.comparing(EmulatedUser::primaryEmail))
        .toList();
  }

  /** The renderable users whose mailboxes take a signature (Gmail enabled). */
  static List<EmulatedUser> pushable(TenantOnboarding tenant) {
    return renderable(tenant).stream().filter(EmulatedUser::gmailEnabled).toList();
  }

  /**
   * One signature for the user, the same on every sendAs address Gmail has for the user (as
   * render-service signs them once it knows the user's list): the primary and the aliases set up as
   * sendAs, not every Directory alias.
   */
  static ProducerRecord<String, String> record(
      TenantOnboarding tenant, EmulatedUser user, String text, RenderCause cause) {
    String html = "<div dir=\"auto\"><b>" + user.fullName() + "</b><br>" + text + "</div>";
    List<SignatureRendered.Target> targets = new ArrayList<>();
    targets.add(new SignatureRendered.Target(user.primaryEmail(), html, sha256(html)));
    sendAsAliases(user)
        .forEach(alias -> targets.add(new SignatureRendered.Target(alias, html, sha256(html))));
    SignatureRendered event =
        new SignatureRendered(
            UUID.randomUUID().toString(),
            Instant.now(),
            SignatureRendered.SCHEMA_VERSION,
            tenant.tenantId,
            user.id(),
            targets,
            "template-1",
            1,
            cause,
            List.of());
    return EventRecords.of(event, Topics.userKey(tenant.tenantId, user.id()), "/signet/tests");
  }

  static List<ProducerRecord<String, String>> records(
      TenantOnboarding tenant, List<EmulatedUser> users, String text, RenderCause cause) {
    return users.stream().map(user -> record(tenant, user, text, cause)).toList();
  }

  /** Every sendAs address of the users. */
  static int addresses(List<EmulatedUser> users) {
    return users.stream().mapToInt(user -> 1 + sendAsAliases(user).size()).sum();
  }

  /** The user's sendAs addresses in Gmail other than the primary. */
  static List<String> sendAsAliases(EmulatedUser user) {
    return user.sendAsEntries().stream()
        .filter(entry -> !entry.isPrimary())
        .map(io.signet.emulator.state.SendAs::sendAsEmail)
        .toList();
  }

  /** Gmail writes accepted for the tenant (its service account), per sendAs address. */
  static Map<String, Long> writesByAddress(TenantOnboarding tenant) {
    return writes(tenant).stream()
        .collect(Collectors.groupingBy(WriteLogEntry::sendAsEmail, Collectors.counting()));
  }

  static List<WriteLogEntry> writes(TenantOnboarding tenant) {
    String domain = "@" + tenant.domain;
    return TestEmulator.instance().state().writes(0, Integer.MAX_VALUE).stream()
        .filter(entry -> entry.sendAsEmail().endsWith(domain))
        .toList();
  }

  /** The signature Gmail holds for the address. */
  static String held(TenantOnboarding tenant, EmulatedUser user, String address) {
    return tenant.google.requireUser(user.id()).sendAsEntry(address).orElseThrow().signature();
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
