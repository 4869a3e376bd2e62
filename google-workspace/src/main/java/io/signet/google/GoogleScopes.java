package io.signet.google;

import java.util.List;

/** The OAuth scopes Signet asks for, and so the ones a tenant must grant by delegation. */
public final class GoogleScopes {

  /** Read and update sendAs settings, signatures included. */
  public static final String GMAIL_SETTINGS_BASIC =
      "https://www.googleapis.com/auth/gmail.settings.basic";

  public static final String DIRECTORY_USER_READONLY =
      "https://www.googleapis.com/auth/admin.directory.user.readonly";

  public static final String DIRECTORY_GROUP_READONLY =
      "https://www.googleapis.com/auth/admin.directory.group.readonly";

  public static final String DIRECTORY_ROLEMANAGEMENT_READONLY =
      "https://www.googleapis.com/auth/admin.directory.rolemanagement.readonly";

  /** Every scope the connector needs, in the order the delegation line lists them. */
  public static final List<String> REQUIRED =
      List.of(
          GMAIL_SETTINGS_BASIC,
          DIRECTORY_USER_READONLY,
          DIRECTORY_GROUP_READONLY,
          DIRECTORY_ROLEMANAGEMENT_READONLY);

  private GoogleScopes() {}

  /** The comma-separated line an admin pastes into "Manage domain wide delegation". */
  public static String delegationLine() {
    return String.join(",", REQUIRED);
  }
}
