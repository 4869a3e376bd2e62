package io.signet.tenant.service;

import static io.signet.tenant.service.VerificationItem.Requirement.ADMIN_ACCOUNT;
import static io.signet.tenant.service.VerificationItem.Requirement.ADMIN_ROLES;
import static io.signet.tenant.service.VerificationItem.Requirement.APP_TRUSTED;
import static io.signet.tenant.service.VerificationItem.Requirement.DELEGATION;
import static io.signet.tenant.service.VerificationItem.Requirement.GMAIL_ENABLED;
import static io.signet.tenant.service.VerificationItem.Requirement.SERVICE_ACCOUNT_KEY;
import static io.signet.tenant.service.VerificationItem.Requirement.SUPER_ADMIN;

import com.google.api.services.directory.Directory;
import com.google.api.services.directory.model.User;
import com.google.auth.oauth2.GoogleCredentials;
import io.signet.google.GoogleClients;
import io.signet.google.GoogleError;
import io.signet.google.GoogleErrorCategory;
import io.signet.google.GoogleErrorClassifier;
import io.signet.google.GoogleScopes;
import io.signet.tenant.service.VerificationItem.Status;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks each technical requirement of the connector against Google and says what to fix. Every
 * scope is tried on its own at the token endpoint, so the answer names exactly the missing ones; an
 * item whose prerequisites failed is SKIPPED rather than failed again, so one broken requirement
 * shows as exactly one FAIL.
 */
@ApplicationScoped
public class RequirementsVerifier {

  /** Gmail's reason when the user has no Gmail ("Mail service not enabled"). */
  private static final String MAIL_NOT_ENABLED_REASON = "failedPrecondition";

  private static final String DWD_PAGE =
      "Google Admin console → Security → Access and data control → API controls → Manage domain"
          + " wide delegation";

  private final GoogleClients google;

  public RequirementsVerifier(GoogleClients google) {
    this.google = google;
  }

  /**
   * The inputs of a verification.
   *
   * @param createAliasSendAs the tenant lets Signet create alias sendAs entries, so the delegation
   *     must also grant {@link GoogleScopes#GMAIL_SETTINGS_SHARING}
   */
  public record Subject(
      String adminEmail,
      List<String> domains,
      byte[] keyJson,
      String clientId,
      boolean createAliasSendAs) {

    /** The scopes this tenant must delegate. */
    public List<String> scopes() {
      return GoogleScopes.required(createAliasSendAs);
    }
  }

  public List<VerificationItem> verify(Subject subject) {
    List<VerificationItem> items = new ArrayList<>();
    if (subject.keyJson() == null) {
      items.add(
          VerificationItem.fail(
              SERVICE_ACCOUNT_KEY,
              "no service account is set for this tenant",
              "Ask the operator to configure the shared service account, or upload your own"
                  + " service-account key JSON (PUT /api/v1/tenants/{id}/delegation)."));
      skipRest(items, "no service account key");
      return items;
    }
    // The key is judged on its own first: a token for the service account itself (no subject, no
    // delegation) is refused only when Google does not accept the key. Every refusal of a
    // delegated token after that concerns the subject or the grant, told apart by Google's OAuth
    // error code, never by its description.
    GoogleError keyError = keyRefusal(subject.keyJson());
    if (keyError != null) {
      if (isTransient(keyError)) {
        items.add(tokenEndpointTrouble(keyError));
        skipRest(items, "the token endpoint could not be reached cleanly");
        return items;
      }
      items.add(
          VerificationItem.fail(
              SERVICE_ACCOUNT_KEY,
              "Google refused the key: " + keyError.summary(),
              "The key was deleted, disabled or does not belong to this service account: create a"
                  + " new key for the service account and upload it (or ask the operator to)."));
      skipRest(items, "Google does not accept the service account's key");
      return items;
    }

    Map<String, GoogleError> refused = new LinkedHashMap<>();
    Map<String, GoogleCredentials> granted = new LinkedHashMap<>();
    for (String scope : subject.scopes()) {
      try {
        GoogleCredentials credentials =
            google.delegated(subject.keyJson(), subject.adminEmail(), List.of(scope));
        credentials.refresh();
        granted.put(scope, credentials);
      } catch (IOException | RuntimeException e) {
        refused.put(scope, GoogleErrorClassifier.classify(e));
      }
    }
    GoogleError transientError =
        refused.values().stream()
            .filter(RequirementsVerifier::isTransient)
            .findFirst()
            .orElse(null);
    if (transientError != null) {
      items.add(tokenEndpointTrouble(transientError));
      skipRest(items, "the token endpoint could not be reached cleanly");
      return items;
    }
    items.add(VerificationItem.pass(SERVICE_ACCOUNT_KEY, "the token endpoint verified the key"));

    GoogleError subjectError =
        refused.values().stream()
            .filter(error -> !isUnauthorizedClient(error))
            .findFirst()
            .orElse(null);
    if (subjectError != null) {
      items.add(
          VerificationItem.fail(
              ADMIN_ACCOUNT,
              "Google refused to act as " + subject.adminEmail() + ": " + subjectError.summary(),
              "Google accepts the key but not this account as its subject: it does not exist,"
                  + " was deleted, or is disabled or restricted. Create or restore the user "
                  + subject.adminEmail()
                  + " in Google Workspace, or change the tenant's admin email to an existing"
                  + " super admin."));
      skipRest(items, "Google does not accept the admin account as the delegation's subject");
      return items;
    }

    User admin = null;
    GoogleError adminReadError = null;
    GoogleCredentials userRead = granted.get(GoogleScopes.DIRECTORY_USER_READONLY);
    if (userRead != null) {
      try {
        admin = directory(userRead).users().get(subject.adminEmail()).execute();
      } catch (IOException e) {
        adminReadError = GoogleErrorClassifier.classify(e);
      }
    }
    items.add(adminAccount(subject, userRead, admin, adminReadError));
    boolean adminOk = last(items).status() == Status.PASS;

    items.add(delegation(subject, refused.keySet()));

    items.add(superAdmin(userRead, admin, adminReadError, adminOk));
    boolean superAdminOk = last(items).status() == Status.PASS;

    items.add(
        roles(
            subject,
            granted.get(GoogleScopes.DIRECTORY_ROLEMANAGEMENT_READONLY),
            granted.get(GoogleScopes.DIRECTORY_GROUP_READONLY),
            superAdminOk));

    items.add(gmail(granted.get(GoogleScopes.GMAIL_SETTINGS_BASIC), adminOk));

    items.add(appTrusted(subject));
    return items;
  }

  private VerificationItem adminAccount(
      Subject subject, GoogleCredentials userRead, User admin, GoogleError readError) {
    if (userRead == null) {
      return VerificationItem.skipped(
          ADMIN_ACCOUNT,
          "the account exists (Google issued it a token), but reading it needs the scope "
              + GoogleScopes.DIRECTORY_USER_READONLY
              + ", which is not delegated");
    }
    if (readError != null) {
      // A user who holds no admin role may not read the directory at all: SUPER_ADMIN says so.
      return VerificationItem.pass(ADMIN_ACCOUNT, "the account exists (Google issued it a token)");
    }
    if (Boolean.TRUE.equals(admin.getSuspended())) {
      return VerificationItem.fail(
          ADMIN_ACCOUNT,
          subject.adminEmail() + " is suspended",
          "Restore the user in Google Admin console → Directory → Users, or choose another super"
              + " admin as the tenant's admin.");
    }
    String domain = admin.getPrimaryEmail().substring(admin.getPrimaryEmail().indexOf('@') + 1);
    if (!subject.domains().contains(domain)) {
      return VerificationItem.fail(
          ADMIN_ACCOUNT,
          "its primary address " + admin.getPrimaryEmail() + " is outside " + subject.domains(),
          "Use an admin whose primary address is in one of the tenant's domains.");
    }
    return VerificationItem.pass(
        ADMIN_ACCOUNT,
        admin.getPrimaryEmail() + " exists and is active (id " + admin.getId() + ")");
  }

  private static VerificationItem delegation(Subject subject, Set<String> missing) {
    if (missing.isEmpty()) {
      return VerificationItem.pass(
          DELEGATION,
          "client id " + subject.clientId() + " holds all " + subject.scopes().size() + " scopes");
    }
    String evidence =
        missing.size() == subject.scopes().size()
            ? "Google: unauthorized_client for every scope — no grant names client id "
                + subject.clientId()
                + " with any of them"
            : "Google: unauthorized_client for " + String.join(", ", missing);
    return VerificationItem.fail(
        DELEGATION,
        evidence,
        "In "
            + DWD_PAGE
            + ", add (or edit) the client ID "
            + subject.clientId()
            + " with exactly this scope line: "
            + GoogleScopes.delegationLine(subject.createAliasSendAs())
            + " . Missing now: "
            + String.join(", ", missing)
            + ". A new grant can take up to 24 hours to take effect at Google: verify again"
            + " later if it still fails right after saving.");
  }

  private static VerificationItem superAdmin(
      GoogleCredentials userRead, User admin, GoogleError readError, boolean adminOk) {
    if (userRead == null) {
      return VerificationItem.skipped(
          SUPER_ADMIN, "needs the delegated scope " + GoogleScopes.DIRECTORY_USER_READONLY);
    }
    if (readError != null && isNotAuthorized(readError)) {
      return VerificationItem.fail(
          SUPER_ADMIN,
          "Google refused to let the admin read the directory: " + readError.summary(),
          "Assign the Super Admin role to the admin in Google Admin console → Account → Admin"
              + " roles.");
    }
    if (readError != null) {
      return VerificationItem.fail(
          SUPER_ADMIN,
          "Google answered users.get with " + readError.summary(),
          "Retry the verification in a few minutes; if it persists, check the admin account by"
              + " hand.");
    }
    if (!adminOk) {
      return VerificationItem.skipped(SUPER_ADMIN, "the admin account check failed");
    }
    if (!Boolean.TRUE.equals(admin.getIsAdmin())) {
      return VerificationItem.fail(
          SUPER_ADMIN,
          admin.getPrimaryEmail() + " is not a super admin (isAdmin = false)",
          "Assign the Super Admin role to "
              + admin.getPrimaryEmail()
              + " in Google Admin console"
              + " → Account → Admin roles.");
    }
    return VerificationItem.pass(SUPER_ADMIN, admin.getPrimaryEmail() + " is a super admin");
  }

  private VerificationItem roles(
      Subject subject,
      GoogleCredentials roleRead,
      GoogleCredentials groupRead,
      boolean superAdminOk) {
    if (!superAdminOk) {
      return VerificationItem.skipped(ADMIN_ROLES, "the super admin check did not pass");
    }
    if (roleRead == null) {
      return VerificationItem.skipped(
          ADMIN_ROLES,
          "needs the delegated scope " + GoogleScopes.DIRECTORY_ROLEMANAGEMENT_READONLY);
    }
    try {
      AdminRoles.Held held =
          AdminRoles.read(
              directory(roleRead),
              groupRead == null ? null : directory(groupRead),
              subject.adminEmail());
      List<String> missing =
          Arrays.stream(AdminRoles.RequiredRole.values())
              .filter(required -> !held.roles().containsKey(required))
              .map(AdminRoles.RequiredRole::label)
              .toList();
      if (missing.isEmpty()) {
        List<String> viaGroup =
            held.roles().entrySet().stream()
                .filter(
                    entry -> AdminRoles.GROUP_ASSIGNEE.equals(entry.getValue().getAssigneeType()))
                .map(entry -> entry.getKey().label())
                .toList();
        return VerificationItem.pass(
            ADMIN_ROLES,
            "holds "
                + Arrays.stream(AdminRoles.RequiredRole.values())
                    .map(AdminRoles.RequiredRole::label)
                    .collect(Collectors.joining(", "))
                + (viaGroup.isEmpty()
                    ? ""
                    : " (" + String.join(", ", viaGroup) + " through a group)")
                + "; read "
                + held.rolesRead()
                + " roles and "
                + held.assignmentsRead()
                + " assignments");
      }
      return VerificationItem.fail(
          ADMIN_ROLES,
          subject.adminEmail() + " lacks " + String.join(", ", missing),
          "Assign "
              + String.join(", ", missing)
              + " to "
              + subject.adminEmail()
              + " (or to a security group the admin belongs to) in Google Admin console →"
              + " Account → Admin roles.");
    } catch (IOException | UncheckedIOException e) {
      return VerificationItem.fail(
          ADMIN_ROLES,
          "Google answered: " + GoogleErrorClassifier.classify(e).summary(),
          "Retry the verification; if it persists, check the admin's roles by hand.");
    }
  }

  private VerificationItem gmail(GoogleCredentials gmailWrite, boolean adminOk) {
    if (!adminOk) {
      return VerificationItem.skipped(GMAIL_ENABLED, "the admin account check did not pass");
    }
    if (gmailWrite == null) {
      return VerificationItem.skipped(
          GMAIL_ENABLED, "needs the delegated scope " + GoogleScopes.GMAIL_SETTINGS_BASIC);
    }
    try {
      int addresses =
          google
              .gmail(gmailWrite)
              .users()
              .settings()
              .sendAs()
              .list("me")
              .execute()
              .getSendAs()
              .size();
      return VerificationItem.pass(
          GMAIL_ENABLED, "sendAs.list answered " + addresses + " address(es)");
    } catch (IOException e) {
      GoogleError error = GoogleErrorClassifier.classify(e);
      if (!MAIL_NOT_ENABLED_REASON.equals(error.reason())) {
        return VerificationItem.fail(
            GMAIL_ENABLED,
            "Gmail answered: " + error.summary(),
            "Retry the verification in a few minutes; if it persists, check that Gmail is on"
                + " for the admin.");
      }
      return VerificationItem.fail(
          GMAIL_ENABLED,
          "Gmail answered: " + error.summary(),
          "Give the admin a licence that includes Gmail and turn Gmail on for the admin's"
              + " organisational unit (Google Admin console → Apps → Google Workspace → Gmail).");
    }
  }

  private static VerificationItem appTrusted(Subject subject) {
    return VerificationItem.manual(
        APP_TRUSTED,
        "In Google Admin console → Security → Access and data control → API controls → Manage"
            + " third-party app access, find the app with client ID "
            + subject.clientId()
            + " and set its access to \"Trusted: Can access all Google services\".");
  }

  private Directory directory(GoogleCredentials credentials) {
    return google.directory(credentials);
  }

  /** Every requirement not reported yet is skipped (APP_TRUSTED stays a manual step). */
  private static void skipRest(List<VerificationItem> items, String because) {
    Set<VerificationItem.Requirement> reported =
        items.stream()
            .map(VerificationItem::id)
            .collect(
                Collectors.toCollection(() -> EnumSet.noneOf(VerificationItem.Requirement.class)));
    for (VerificationItem.Requirement requirement : VerificationItem.Requirement.values()) {
      if (reported.contains(requirement)) {
        continue;
      }
      items.add(
          requirement == APP_TRUSTED
              ? appTrustedPlaceholder()
              : VerificationItem.skipped(requirement, "skipped because " + because));
    }
  }

  private static VerificationItem appTrustedPlaceholder() {
    return VerificationItem.manual(
        APP_TRUSTED,
        "In Google Admin console → Security → Access and data control → API controls → Manage"
            + " third-party app access, set Signet's app to \"Trusted: Can access all Google"
            + " services\".");
  }

  private static VerificationItem last(List<VerificationItem> items) {
    return items.get(items.size() - 1);
  }

  /** A token for the service account alone: refused only when Google does not accept the key. */
  private GoogleError keyRefusal(byte[] keyJson) {
    try {
      google
          .serviceAccount(keyJson)
          .createScoped(List.of(GoogleScopes.GMAIL_SETTINGS_BASIC))
          .refresh();
      return null;
    } catch (IOException | RuntimeException e) {
      return GoogleErrorClassifier.classify(e);
    }
  }

  private static VerificationItem tokenEndpointTrouble(GoogleError error) {
    return VerificationItem.fail(
        SERVICE_ACCOUNT_KEY,
        "Google's token endpoint answered: " + error.summary(),
        "Retry the verification in a few minutes; if it persists, check the key.");
  }

  /** Not an answer about the key or the grant: an outage, a rate limit or the network. */
  private static boolean isTransient(GoogleError error) {
    return error.category() == GoogleErrorCategory.RETRYABLE
        || error.category() == GoogleErrorCategory.QUOTA
        || error.category() == GoogleErrorCategory.USER_QUOTA
        || error.category() == GoogleErrorCategory.CLOCK_SKEW;
  }

  private static boolean isUnauthorizedClient(GoogleError error) {
    return error.fromTokenEndpoint() && "unauthorized_client".equals(error.reason());
  }

  /** 403 forbidden: the subject holds no admin role that lets it read the directory. */
  private static boolean isNotAuthorized(GoogleError error) {
    return error.httpStatus() == 403 && "forbidden".equals(error.reason());
  }
}
