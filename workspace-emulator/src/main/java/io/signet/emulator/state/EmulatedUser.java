package io.signet.emulator.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Workspace user as the emulator holds it: directory fields plus the user's Gmail sendAs
 * settings. Mutated only under the {@link WorkspaceState}'s lock or the user's own monitor.
 */
public final class EmulatedUser {

  final String id;
  final String customerId;
  final Instant creationTime;
  String primaryEmail;
  List<String> aliases = new ArrayList<>();
  String givenName;
  String familyName;
  String title;
  String department;
  List<Map<String, Object>> phones = new ArrayList<>();
  List<Map<String, Object>> addresses = new ArrayList<>();
  String orgUnitPath = "/";
  boolean suspended;
  boolean archived;
  boolean gmailEnabled = true;
  Map<String, Map<String, Object>> customSchemas = new LinkedHashMap<>();
  String thumbnailPhotoUrl;
  long version = 1;

  /** sendAs entries by address, the primary address first. */
  final Map<String, SendAs> sendAs = new LinkedHashMap<>();

  EmulatedUser(String id, String customerId, String primaryEmail, Instant creationTime) {
    this.id = id;
    this.customerId = customerId;
    this.primaryEmail = primaryEmail;
    this.creationTime = creationTime;
  }

  public String id() {
    return id;
  }

  public String customerId() {
    return customerId;
  }

  public Instant creationTime() {
    return creationTime;
  }

  public String primaryEmail() {
    return primaryEmail;
  }

  public List<String> aliases() {
    return List.copyOf(aliases);
  }

  public String givenName() {
    return givenName;
  }

  public String familyName() {
    return familyName;
  }

  public String fullName() {
    return String.join(" ", nonNull(givenName), nonNull(familyName)).trim();
  }

  public String title() {
    return title;
  }

  public String department() {
    return department;
  }

  public List<Map<String, Object>> phones() {
    return phones;
  }

  public List<Map<String, Object>> addresses() {
    return addresses;
  }

  public String orgUnitPath() {
    return orgUnitPath;
  }

  public boolean suspended() {
    return suspended;
  }

  public boolean archived() {
    return archived;
  }

  public boolean gmailEnabled() {
    return gmailEnabled;
  }

  public Map<String, Map<String, Object>> customSchemas() {
    return customSchemas;
  }

  public String thumbnailPhotoUrl() {
    return thumbnailPhotoUrl;
  }

  /** Google's etag changes with every change to the user. */
  public String etag() {
    return "\"emu-" + id + "/" + version + "\"";
  }

  /** A consistent copy of the user's sendAs entries. */
  public synchronized List<SendAs> sendAsEntries() {
    return sendAs.values().stream().map(SendAs::copy).toList();
  }

  /** A copy of one sendAs entry, if the user has that address. */
  public synchronized java.util.Optional<SendAs> sendAsEntry(String email) {
    return java.util.Optional.ofNullable(sendAs.get(email.toLowerCase())).map(SendAs::copy);
  }

  /**
   * Writes a sendAs entry and returns a copy of it as stored. With {@code replaceAll} (an update)
   * absent fields are cleared; without it (a patch) they are kept.
   */
  public synchronized java.util.Optional<SendAs> writeSendAs(
      String email,
      String displayName,
      String replyToAddress,
      String storedSignature,
      boolean replaceAll) {
    SendAs entry = sendAs.get(email.toLowerCase());
    if (entry == null) {
      return java.util.Optional.empty();
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
    return java.util.Optional.of(entry.copy());
  }

  /**
   * Keeps the primary sendAs on the primary address (it follows a rename, signature and all).
   * Directory aliases get no sendAs entry of their own: Gmail lists "the primary send-as address …
   * as well as any custom 'from' aliases", and an alias must be created before it is used (Gmail
   * API reference, users.settings.sendAs/list). Entries created earlier stay as they are.
   */
  synchronized void syncSendAsWithAddresses(String displayName) {
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
   * Creates a custom "from" address ({@code sendAs.create}). The user's own Directory aliases are
   * accepted at once; any other address needs an SMTP relay, which the emulator does not offer, so
   * Gmail's refusal for it is the caller's to raise.
   *
   * @return the entry as stored, or empty when the address is a sendAs entry already
   */
  public synchronized java.util.Optional<SendAs> createSendAs(
      String email,
      String displayName,
      String replyToAddress,
      String storedSignature,
      boolean treatAsAlias,
      String verificationStatus) {
    if (sendAs.containsKey(email.toLowerCase())) {
      return java.util.Optional.empty();
    }
    SendAs entry = new SendAs(email.toLowerCase());
    entry.displayName = displayName == null ? fullName() : displayName;
    entry.replyToAddress = replyToAddress;
    entry.signature = storedSignature == null ? "" : storedSignature;
    entry.treatAsAlias = treatAsAlias;
    entry.verificationStatus = verificationStatus;
    sendAs.put(entry.sendAsEmail, entry);
    return java.util.Optional.of(entry.copy());
  }

  /** Removes a custom sendAs entry; the primary one cannot be removed. */
  synchronized boolean removeSendAs(String email) {
    SendAs entry = sendAs.get(email.toLowerCase());
    if (entry == null || entry.isPrimary) {
      return false;
    }
    sendAs.remove(email.toLowerCase());
    return true;
  }

  /** Whether the address is one of the user's own: the primary or a Directory alias. */
  public boolean ownsAddress(String email) {
    String address = email.toLowerCase();
    return primaryEmail.equalsIgnoreCase(address) || aliases.contains(address);
  }

  private static String nonNull(String value) {
    return value == null ? "" : value;
  }
}
