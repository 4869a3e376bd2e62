package io.signet.tenant.service;

import io.signet.support.json.MultiLine;

/**
 * One requirement of the connector, as checked against Google.
 *
 * @param id stable identifier of the requirement
 * @param evidence what Google answered, or why the item was skipped
 * @param remediation what to do when it did not pass; {@code null} when it passed
 */
// stored as JSON and read back with the services' strict mapper: Google's words may span lines
public record VerificationItem(
    Requirement id,
    Status status,
    String title,
    @MultiLine String evidence,
    @MultiLine String remediation) {

  /** The outcome of one item. */
  public enum Status {
    PASS,
    FAIL,
    /** Google cannot show it: an admin confirms it by hand. */
    MANUAL,
    /** Not checked because an item it depends on failed. */
    SKIPPED
  }

  /** The requirements, in the order they are checked and shown. */
  public enum Requirement {
    SERVICE_ACCOUNT_KEY("Google accepts the service account's key"),
    ADMIN_ACCOUNT("The admin account exists in the tenant's domain and is not suspended"),
    DELEGATION("Domain-wide delegation grants every scope Signet needs"),
    SUPER_ADMIN("The admin account is a super admin"),
    ADMIN_ROLES(
        "The admin holds the Super Admin, Groups Admin, User Management Admin and Services Admin"
            + " roles"),
    GMAIL_ENABLED("Gmail is enabled for the admin account"),
    APP_TRUSTED("The app is trusted to access all Google services (API controls)");

    private final String title;

    Requirement(String title) {
      this.title = title;
    }

    public String title() {
      return title;
    }
  }

  static VerificationItem pass(Requirement id, String evidence) {
    return new VerificationItem(id, Status.PASS, id.title(), evidence, null);
  }

  static VerificationItem fail(Requirement id, String evidence, String remediation) {
    return new VerificationItem(id, Status.FAIL, id.title(), evidence, remediation);
  }

  static VerificationItem skipped(Requirement id, String because) {
    return new VerificationItem(id, Status.SKIPPED, id.title(), because, null);
  }

  static VerificationItem manual(Requirement id, String remediation) {
    return new VerificationItem(
        id, Status.MANUAL, id.title(), "Google's APIs cannot show this setting", remediation);
  }
}
