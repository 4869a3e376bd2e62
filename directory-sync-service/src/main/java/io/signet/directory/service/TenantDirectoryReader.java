package io.signet.directory.service;

import com.google.api.services.directory.Directory;
import com.google.api.services.directory.model.Group;
import com.google.api.services.directory.model.Groups;
import com.google.api.services.directory.model.Member;
import com.google.api.services.directory.model.Members;
import com.google.api.services.directory.model.User;
import com.google.api.services.directory.model.Users;
import io.signet.google.GoogleClients;
import io.signet.google.GoogleScopes;
import io.signet.support.broker.BrokeredCredentials;
import io.signet.support.broker.TokenBrokerClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads one tenant's directory as its admin, with tokens from the broker: users a page at a time,
 * groups with their direct members, one user and the groups it is directly in.
 */
@ApplicationScoped
public class TenantDirectoryReader {

  /** The fields of a user Signet uses, so Google sends nothing else. */
  static final String USER_FIELDS =
      "id,primaryEmail,aliases,name,organizations,phones,addresses,orgUnitPath,suspended,"
          + "archived,thumbnailPhotoUrl,customSchemas";

  private static final List<String> SCOPES =
      List.of(GoogleScopes.DIRECTORY_USER_READONLY, GoogleScopes.DIRECTORY_GROUP_READONLY);

  private final GoogleClients google;
  private final TokenBrokerClient broker;
  private final DirectoryCalls calls;

  public TenantDirectoryReader(
      GoogleClients google, TokenBrokerClient broker, DirectoryCalls calls) {
    this.google = google;
    this.broker = broker;
    this.calls = calls;
  }

  /** A session reading one tenant's directory. */
  public Session open(String tenantId, String adminEmail) {
    BrokeredCredentials credentials = new BrokeredCredentials(broker, tenantId, adminEmail, SCOPES);
    return new Session(tenantId, credentials, google.directory(credentials));
  }

  /** Reads of one tenant, each retried and paced by {@link DirectoryCalls}. */
  public final class Session {

    private final String tenantId;
    private final BrokeredCredentials credentials;
    private final Directory directory;

    private Session(String tenantId, BrokeredCredentials credentials, Directory directory) {
      this.tenantId = tenantId;
      this.credentials = credentials;
      this.directory = directory;
    }

    /** Any other call of this session, retried and paced like the reads. */
    public <T> T call(DirectoryCalls.Call<T> call) {
      return calls.call(tenantId, credentials, call);
    }

    /** One page of users; {@code null} token for the first. */
    public Users usersPage(String pageToken, int pageSize) {
      return calls.call(
          tenantId,
          credentials,
          () ->
              directory
                  .users()
                  .list()
                  .setCustomer("my_customer")
                  .setMaxResults(pageSize)
                  .setProjection("full")
                  .setFields("nextPageToken,users(" + USER_FIELDS + ")")
                  .setPageToken(pageToken)
                  .execute());
    }

    /**
     * Every group with its direct members (users and groups), a page at a time, as Google lists
     * them: nested groups are expanded by {@link GroupGraph}, not by includeDerivedMembership. Each
     * query waits for {@code pacer}.
     */
    public void eachGroup(QueryPacer pacer, GroupVisitor visitor) {
      eachGroupOf(
          pacer,
          list -> list.setCustomer("my_customer"),
          group -> eachMemberPage(pacer, group.getEmail(), page -> visitor.visit(group, page)));
    }

    /** Pages through groups.list as narrowed by {@code filter}. */
    private void eachGroupOf(
        QueryPacer pacer,
        java.util.function.UnaryOperator<Directory.Groups.List> filter,
        Consumer<Group> each) {
      String pageToken = null;
      do {
        String token = pageToken;
        pacer.acquire();
        Groups page =
            calls.call(
                tenantId,
                credentials,
                () ->
                    filter
                        .apply(directory.groups().list())
                        .setMaxResults(200)
                        .setPageToken(token)
                        .execute());
        if (page.getGroups() != null) {
          page.getGroups().forEach(each);
        }
        pageToken = page.getNextPageToken();
      } while (pageToken != null);
    }

    private void eachMemberPage(QueryPacer pacer, String groupEmail, Consumer<List<Member>> each) {
      String pageToken = null;
      do {
        String token = pageToken;
        pacer.acquire();
        Members page =
            calls.call(
                tenantId,
                credentials,
                () ->
                    directory
                        .members()
                        .list(groupEmail)
                        .setMaxResults(200)
                        .setPageToken(token)
                        .execute());
        each.accept(page.getMembers() == null ? List.of() : page.getMembers());
        pageToken = page.getNextPageToken();
      } while (pageToken != null);
    }

    public User user(String userKey) {
      return calls.call(
          tenantId,
          credentials,
          () ->
              directory
                  .users()
                  .get(userKey)
                  .setProjection("full")
                  .setFields(USER_FIELDS)
                  .execute());
    }

    /**
     * The groups a user is a direct member of: groups.list?userKey= checks direct membership only
     * (GAM wiki "Users - Group Membership"); {@link GroupGraph} adds the groups those are in.
     */
    public List<String> directGroupsOf(String userEmail, QueryPacer pacer) {
      List<String> groups = new ArrayList<>();
      eachGroupOf(pacer, list -> list.setUserKey(userEmail), group -> groups.add(group.getEmail()));
      return groups;
    }

    public Directory directory() {
      return directory;
    }
  }

  /** Receives a group's direct members, a page at a time. */
  @FunctionalInterface
  public interface GroupVisitor {
    void visit(Group group, List<Member> members);
  }
}
