package io.signet.google;

import java.util.ArrayList;
import java.util.Collections;
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

  /**
   * Create sendAs entries ({@code users.settings.sendAs.create}): needed only by tenants that let
   * Signet create the sendAs a Directory alias lacks, so it is not in {@link #REQUIRED}. Google
   * allows sendAs.create with {@code treatAsAlias} only under this scope and only for service
   * accounts with domain-wide delegation.
   */
  public static final String GMAIL_SETTINGS_SHARING =
      "https://www.googleapis.com/auth/gmail.settings.sharing";

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

  /**
   * The scopes a tenant must grant: {@link #REQUIRED}, plus {@link #GMAIL_SETTINGS_SHARING} last
   * when Signet is to create missing alias sendAs entries for it.
   */
  public static List<String> required(boolean createAliasSendAs) {
    if (!createAliasSendAs) {
      return REQUIRED;
    }
    List<String> scopes = new ArrayList<>(REQUIRED);
    scopes.add(GMAIL_SETTINGS_SHARING);
    return Collections.unmodifiableList(scopes);
  }

  /** The delegation line for {@link #required(boolean)}. */
  public static String delegationLine(boolean createAliasSendAs) {
    return String.join(",", required(createAliasSendAs));
  }
}
