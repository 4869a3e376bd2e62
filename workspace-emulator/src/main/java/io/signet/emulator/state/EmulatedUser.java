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

  /** Keeps one sendAs per address: the primary one and one per alias. */
  synchronized void syncSendAsWithAddresses(String displayName) {
    Map<String, SendAs> previous = new LinkedHashMap<>(sendAs);
    sendAs.clear();
    SendAs primary = previous.getOrDefault(primaryEmail.toLowerCase(), new SendAs(primaryEmail));
    primary.sendAsEmail = primaryEmail;
    primary.isPrimary = true;
    primary.isDefault = true;
    primary.treatAsAlias = false;
    primary.verificationStatus = null;
    primary.displayName = primary.displayName == null ? displayName : primary.displayName;
    sendAs.put(primaryEmail.toLowerCase(), primary);
    for (String alias : aliases) {
      SendAs entry = previous.getOrDefault(alias.toLowerCase(), new SendAs(alias));
      entry.isPrimary = false;
      entry.isDefault = false;
      entry.treatAsAlias = true;
      entry.verificationStatus = "accepted";
      entry.displayName = entry.displayName == null ? displayName : entry.displayName;
      sendAs.put(alias.toLowerCase(), entry);
    }
  }

  private static String nonNull(String value) {
    return value == null ? "" : value;
  }
}
