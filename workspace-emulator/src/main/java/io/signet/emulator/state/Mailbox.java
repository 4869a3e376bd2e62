package io.signet.emulator.state;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A user's Gmail settings: the sendAs entries by address, the primary address first. Guarded by its
 * own monitor; every read answers copies.
 */
final class Mailbox {

  private final Map<String, SendAs> sendAs = new LinkedHashMap<>();

  synchronized List<SendAs> entries() {
    return sendAs.values().stream().map(SendAs::copy).toList();
  }

  synchronized Optional<SendAs> entry(String email) {
    return Optional.ofNullable(sendAs.get(email.toLowerCase())).map(SendAs::copy);
  }

  /**
   * Writes a sendAs entry and returns a copy of it as stored. With {@code replaceAll} (an update)
   * absent fields are cleared; without it (a patch) they are kept.
   */
  synchronized Optional<SendAs> write(
      String email,
      String displayName,
      String replyToAddress,
      String storedSignature,
      boolean replaceAll) {
    SendAs entry = sendAs.get(email.toLowerCase());
    if (entry == null) {
      return Optional.empty();
    }
    if (replaceAll || displayName != null) {
      entry.displayName = displayName;
    }
    if (replaceAll || replyToAddress != null) {
      entry.replyToAddress = replyToAddress;
    }
    if (replaceAll || storedSignature != null) {
      entry.signature = storedSignature == null ? "" : storedSignature;
    }
    return Optional.of(entry.copy());
  }

  /**
   * Keeps the primary sendAs on the primary address (it follows a rename, signature and all).
   * Directory aliases get no sendAs entry of their own: Gmail lists "the primary send-as address …
   * as well as any custom 'from' aliases", and an alias must be created before it is used (Gmail
   * API reference, users.settings.sendAs/list). Entries created earlier stay as they are.
   */
  synchronized void followPrimaryAddress(String primaryEmail, String displayName) {
    SendAs primary = null;
    for (SendAs entry : sendAs.values()) {
      if (entry.isPrimary) {
        primary = entry;
      }
    }
    if (primary != null) {
      sendAs.remove(primary.sendAsEmail.toLowerCase());
    }
    SendAs custom = sendAs.remove(primaryEmail.toLowerCase());
    if (primary == null) {
      primary = custom != null ? custom : new SendAs(primaryEmail);
    }
    primary.sendAsEmail = primaryEmail;
    primary.isPrimary = true;
    primary.treatAsAlias = false;
    primary.verificationStatus = null;
    primary.displayName = primary.displayName == null ? displayName : primary.displayName;
    Map<String, SendAs> rest = new LinkedHashMap<>(sendAs);
    sendAs.clear();
    sendAs.put(primaryEmail.toLowerCase(), primary);
    sendAs.putAll(rest);
    if (sendAs.values().stream().noneMatch(entry -> entry.isDefault)) {
      primary.isDefault = true;
    }
  }

  /**
   * Creates a custom "from" address.
   *
   * @return the entry as stored, or empty when the address is a sendAs entry already
   */
  synchronized Optional<SendAs> create(
      String email,
      String displayName,
      String replyToAddress,
      String storedSignature,
      boolean treatAsAlias,
      String verificationStatus) {
    if (sendAs.containsKey(email.toLowerCase())) {
      return Optional.empty();
    }
    SendAs entry = new SendAs(email.toLowerCase());
    entry.displayName = displayName;
    entry.replyToAddress = replyToAddress;
    entry.signature = storedSignature == null ? "" : storedSignature;
    entry.treatAsAlias = treatAsAlias;
    entry.verificationStatus = verificationStatus;
    sendAs.put(entry.sendAsEmail, entry);
    return Optional.of(entry.copy());
  }

  /** Removes a custom sendAs entry; the primary one cannot be removed. */
  synchronized boolean remove(String email) {
    SendAs entry = sendAs.get(email.toLowerCase());
    if (entry == null || entry.isPrimary) {
      return false;
    }
    sendAs.remove(email.toLowerCase());
    return true;
  }
}
