package io.signet.render.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.signet.events.DirectoryUser;
import io.signet.events.EventJson;
import io.signet.events.SendAsSnapshot;
import io.signet.render.repository.Repositories;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The save-time check of a template against the tenant's real worst case: it is rendered, as the
 * pipeline would, for every Gmail address of the users whose signatures are likely the longest
 * (longest fields, most groups, aliases, phones and sendAs addresses, from the directory read
 * model) and for the sample user. A user it fails for refuses the template (the sample user only
 * for a limit, or when the tenant has no users yet); a user whose signature passes Gmail's 10,000
 * characters, or a sample user it fails for otherwise, is named in a warning.
 */
@ApplicationScoped
public class TemplateProbe {

  /** How many users each criterion contributes (a user on several lists counts once). */
  static final int USERS_PER_CRITERION = 3;

  /** Signs every address Gmail has for a user: the worst case of every rule. */
  private static final AssignmentRule EVERY_ADDRESS =
      new AssignmentRule(0, Audience.EVERYONE, "probe", true, true);

  private final Repositories.Users users;
  private final Repositories.SendAs sendAs;
  private final TenantRenderContext contexts;

  public TemplateProbe(
      Repositories.Users users, Repositories.SendAs sendAs, TenantRenderContext contexts) {
    this.users = users;
    this.sendAs = sendAs;
    this.contexts = contexts;
  }

  /** The template fails when rendered for a user. */
  public static final class Failure extends RuntimeException {

    private final String user;

    Failure(String user, String reason) {
      super(reason, null, false, false);
      this.user = user;
    }

    /** Who, in words: {@code user alice@acme.example (id 123)} or the sample user. */
    public String user() {
      return user;
    }
  }

  /**
   * @return the template's warnings, those of the probes included
   * @throws TemplateError when the template does not compile or passes a limit in its text
   * @throws Failure when it fails for one of the users
   */
  public List<String> check(String tenantId, String source) {
    SignatureTemplates.Compiled template = SignatureTemplates.compile(source);
    List<String> warnings = new ArrayList<>(template.warnings());
    Optional<TenantRenderContext.Context> context = contexts.load(tenantId);
    RenderModel.Tenant tenant =
        context.map(TenantRenderContext.Context::tenant).orElse(UNKNOWN_TENANT);
    Set<String> domains = context.map(TenantRenderContext.Context::domains).orElse(Set.of());
    boolean createAliasSendAs =
        context.map(TenantRenderContext.Context::createAliasSendAs).orElse(false);
    List<Campaign> campaigns =
        context.map(TenantRenderContext.Context::campaigns).orElse(List.of());
    List<DirectoryUser> probes =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    users.longestSignatures(tenantId, USERS_PER_CRITERION).stream()
                        .map(row -> EventJson.read(row.payload, DirectoryUser.class))
                        .toList());
    List<String> ids = probes.stream().map(DirectoryUser::userId).toList();
    Map<String, SendAsSnapshot> gmail =
        ids.isEmpty()
            ? Map.of()
            : QuarkusTransaction.requiringNew().call(() -> sendAs.of(tenantId, ids));
    Instant now = Instant.now();
    List<DirectoryUser> all = new ArrayList<>(probes);
    all.add(SampleUser.of(tenantId));
    for (DirectoryUser user : all) {
      String who = describe(user);
      SignatureRenderer.Result result =
          SignatureRenderer.render(
              user,
              SendAsTargets.of(
                  user, EVERY_ADDRESS, gmail.get(user.userId()), domains, createAliasSendAs),
              EVERY_ADDRESS,
              template,
              tenant,
              campaigns,
              now);
      boolean sample = SampleUser.ID.equals(user.userId());
      for (SignatureRenderer.TargetError error : result.errors()) {
        // the sample user has none of the tenant's custom schemas: a template failing only for it
        // is refused when the tenant has no users yet to judge it by, or when it passes a limit
        boolean refuses =
            error.templateFailed()
                && (!sample
                    || probes.isEmpty()
                    || SignatureRenderer.TEMPLATE_LIMIT.equals(error.kind()));
        if (refuses) {
          throw new Failure(who, error.reason());
        }
        warnings.add(who + ", address " + error.sendAsEmail() + ": " + error.reason());
      }
    }
    return warnings;
  }

  private static final RenderModel.Tenant UNKNOWN_TENANT =
      new RenderModel.Tenant(null, "example.com", "US");

  /** A user as an error names them. */
  public static String describe(DirectoryUser user) {
    return SampleUser.ID.equals(user.userId())
        ? "the sample user (" + user.primaryEmail() + ")"
        : "user " + user.primaryEmail() + " (id " + user.userId() + ")";
  }
}
