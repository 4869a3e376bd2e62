package io.signet.emulator.state;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Workspace user as the emulator holds it: its Directory fields, one immutable {@link
 * UserProfile} replaced whole on every change, and its Gmail {@link Mailbox}. Each getter reads the
 * current profile; a reader that needs several fields together takes {@link #profile()} once.
 */
public final class EmulatedUser {

  private volatile UserProfile profile;
  private final Mailbox mailbox = new Mailbox();

  EmulatedUser(UserProfile profile) {
    this.profile = profile;
  }

  /** The user's Directory fields as they are now, all from the same change. */
  public UserProfile profile() {
    return profile;
  }

  /** Replaces the profile; only the directory does, under its lock. */
  void replace(UserProfile next) {
    this.profile = next;
  }

  public String id() {
    return profile.id();
  }

  public String customerId() {
    return profile.customerId();
  }

  public Instant creationTime() {
    return profile.creationTime();
  }

  public String primaryEmail() {
    return profile.primaryEmail();
  }

  public List<String> aliases() {
    return profile.aliases();
  }

  public String givenName() {
    return profile.givenName();
  }

  public String familyName() {
    return profile.familyName();
  }

  public String fullName() {
    return profile.fullName();
  }

  public String title() {
    return profile.title();
  }

  public String department() {
    return profile.department();
  }

  public List<Map<String, Object>> phones() {
    return profile.phones();
  }

  public List<Map<String, Object>> addresses() {
    return profile.addresses();
  }

  public String orgUnitPath() {
    return profile.orgUnitPath();
  }

  public boolean suspended() {
    return profile.suspended();
  }

  public boolean archived() {
    return profile.archived();
  }

  public boolean gmailEnabled() {
    return profile.gmailEnabled();
  }

  public Map<String, Map<String, Object>> customSchemas() {
    return profile.customSchemas();
  }

  public String thumbnailPhotoUrl() {
    return profile.thumbnailPhotoUrl();
  }

  /** Google's etag changes with every change to the user. */
  public String etag() {
    return profile.etag();
  }

  /** Whether the address is one of the user's own: the primary or a Directory alias. */
  public boolean ownsAddress(String email) {
    return profile.ownsAddress(email);
  }

  /** A consistent copy of the user's sendAs entries. */
  public List<SendAs> sendAsEntries() {
    return mailbox.entries();
  }

  /** A copy of one sendAs entry, if the user has that address. */
  public Optional<SendAs> sendAsEntry(String email) {
    return mailbox.entry(email);
  }

  /**
   * Writes a sendAs entry and returns a copy of it as stored. With {@code replaceAll} (an update)
   * absent fields are cleared; without it (a patch) they are kept.
   */
  public Optional<SendAs> writeSendAs(
      String email,
      String displayName,
      String replyToAddress,
      String storedSignature,
      boolean replaceAll) {
    return mailbox.write(email, displayName, replyToAddress, storedSignature, replaceAll);
  }

  /**
   * Creates a custom "from" address ({@code sendAs.create}), named after the user unless a display
   * name is given. The user's own Directory aliases are accepted at once; any other address needs
   * an SMTP relay, which the emulator does not offer, so Gmail's refusal for it is the caller's to
   * raise.
   *
   * @return the entry as stored, or empty when the address is a sendAs entry already
   */
  public Optional<SendAs> createSendAs(
      String email,
      String displayName,
      String replyToAddress,
      String storedSignature,
      boolean treatAsAlias,
      String verificationStatus) {
    return mailbox.create(
        email,
        displayName == null ? fullName() : displayName,
        replyToAddress,
        storedSignature,
        treatAsAlias,
        verificationStatus);
  }

  Mailbox mailbox() {
    return mailbox;
  }
}
