package io.signet.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Onboards the emulator's demo Workspace as a tenant through the public APIs only — as an operator
 * and a tenant admin would with curl — and waits until Gmail holds every eligible user's signature.
 * Idempotent: what {@code stack.properties} says was done is not done again, except what a freshly
 * started emulator (a new "Google", a new service-account key) needs.
 */
final class DemoTenant {

  static final String DOMAIN = "demo.test";
  static final String ADMIN = "admin@demo.test";
  static final Duration APPLY_TIMEOUT = Duration.ofMinutes(5);

  static final String TEMPLATE =
      String.join(
          "\n",
          "<table cellpadding=\"0\" cellspacing=\"0\" style=\"font-family:Arial,sans-serif;"
              + "font-size:13px;color:#333333\">",
          "<tr><td style=\"border-left:3px solid #1a73e8;padding-left:10px\">",
          "<b style=\"font-size:14px\">{user.fullName}</b><br>",
          "{#if user.title}",
          "{user.title}{#if user.department} | {user.department}{/if}<br>",
          "{/if}",
          "{tenant.name}<br>",
          "{#if user.phone.work}",
          "Phone {user.phone.work}<br>",
          "{/if}",
          "{#if user.phone.mobile}",
          "Mobile {user.phone.mobile}<br>",
          "{/if}",
          "<a href=\"mailto:{sendAs.email}\">{sendAs.email}</a>",
          "{#if campaign}",
          "<br>{campaign.banner}",
          "{/if}",
          "</td></tr>",
          "</table>");

  private final Stack stack;
  private final StackHome home;
  private final PrintStream out;
  private final JsonHttp http = new JsonHttp();

  DemoTenant(Stack stack, PrintStream out) {
    this.stack = stack;
    this.home = stack.home();
    this.out = out;
  }

  /** Creates (or finds) the tenant, delegates, verifies, installs the template and rule. */
  void onboard() {
    String tenantService = stack.url(Component.TENANT);
    String operator = token(stack.operatorKey());
    String tenantId = home.get("demo.tenant-id").orElse(null);
    if (tenantId != null
        && !http.send("GET", tenantService + "/api/v1/tenants/" + tenantId, operator, null).ok()) {
      out.println("  the saved tenant " + tenantId + " is gone: creating it again");
      tenantId = null;
      home.remove("demo.client-id");
      home.remove("demo.template-id");
    }
    if (tenantId == null) {
      JsonNode answer =
          http.call(
              "POST",
              tenantService + "/api/v1/tenants",
              operator,
              Map.of("displayName", "Demo Ltd", "primaryDomain", DOMAIN, "adminEmail", ADMIN));
      tenantId = answer.at("/tenant/id").asText();
      home.set("demo.tenant-id", tenantId);
      home.set("demo.api-key", answer.get("apiKey").asText());
      out.println("  tenant " + tenantId + " created (Demo Ltd, " + DOMAIN + ")");
    } else {
      out.println("  tenant " + tenantId + " (Demo Ltd, " + DOMAIN + ") exists: resuming");
    }
    String tenant = tenantToken();
    String base = tenantService + "/api/v1/tenants/" + tenantId;

    JsonNode account = serviceAccount();
    boolean newGoogle =
        !account.get("clientId").asText().equals(home.get("demo.client-id").orElse(""));
    if (newGoogle) {
      JsonNode key = parse(account.get("keyJson").asText());
      http.call(
          "PUT", base + "/delegation", tenant, Map.of("mode", "OWN", "serviceAccountKey", key));
      JsonNode delegation = http.call("GET", base + "/delegation", tenant, null);
      out.println("  delegation: the tenant's own service account");
      out.println("    client id   " + delegation.get("clientId").asText());
      out.println("    scope line  " + delegation.get("scopeLine").asText());
      JsonNode report = http.call("POST", base + "/verifications", tenant, null);
      out.println("  verification against Google:");
      for (JsonNode item : report.get("items")) {
        out.printf("    %-7s %s%n", item.get("status").asText(), item.get("title").asText());
        if (!item.path("remediation").isMissingNode() && !item.get("remediation").isNull()) {
          out.println("            -> " + item.get("remediation").asText());
        }
      }
      if (!report.get("passed").asBoolean()) {
        throw new StackException("the demo tenant did not pass its verification (see above)");
      }
      home.set("demo.client-id", account.get("clientId").asText());
      out.println("  verified: the tenant is ACTIVE");
    } else {
      out.println("  delegation and verification done earlier: the tenant is ACTIVE");
    }

    String render = stack.url(Component.RENDER) + "/api/v1/tenants/" + tenantId;
    if (home.get("demo.template-id").isEmpty()) {
      JsonNode template =
          http.call(
              "POST", render + "/templates", tenant, Map.of("name", "Default", "source", TEMPLATE));
      String templateId = template.get("id").asText();
      http.call(
          "PUT",
          render + "/rules",
          tenant,
          List.of(
              Map.of(
                  "audience",
                  Map.of("kind", "EVERYONE"),
                  "templateId",
                  templateId,
                  "includeAliases",
                  true)));
      home.set("demo.template-id", templateId);
      out.println("  template \"Default\" installed, one rule: everyone, aliases included");
    }
  }

  /** Gmail's view of the demo users, from the emulator's admin API. */
  GmailView gmail() {
    JsonNode users =
        http.call(
            "GET",
            stack.url(Component.EMULATOR)
                + "/emulator/v1/customers/"
                + Stack.CUSTOMER_ID
                + "/users",
            null,
            null);
    return GmailView.of(users.get("users"));
  }

  /**
   * Waits until Gmail holds a signature on every sendAs address of every eligible user, printing
   * progress.
   */
  GmailView awaitSignatures(Progress progress) {
    Instant deadline = Instant.now().plus(APPLY_TIMEOUT);
    while (true) {
      GmailView view = gmail();
      progress.update(
          view.signed() + "/" + view.eligible() + " eligible users' signatures in Gmail");
      if (view.signed() == view.eligible()) {
        progress.done();
        return view;
      }
      if (Instant.now().isAfter(deadline)) {
        progress.done();
        throw new StackException(
            "after "
                + APPLY_TIMEOUT.toMinutes()
                + " min only "
                + view.signed()
                + " of "
                + view.eligible()
                + " eligible users have their signature; push status: "
                + pushStatus());
      }
      Stack.sleep(500);
    }
  }

  /**
   * Changes a user's title in the directory and measures how long the new title takes to reach
   * their Gmail signature: watch notification, directory-sync, render, push.
   */
  Duration changeFlows(String email, Progress progress) {
    awaitWatchChannel(progress);
    String title = "Signet demo at " + java.time.LocalTime.now().withNano(0);
    String emulator = stack.url(Component.EMULATOR) + "/emulator/v1/users/" + email;
    Instant changed = Instant.now();
    http.call("PATCH", emulator, null, Map.of("title", title));
    Instant deadline = changed.plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      JsonNode sendAs = http.call("GET", emulator + "/send-as", null, null);
      if (sendAs.at("/sendAs/0/signature").asText("").contains(title)) {
        progress.done();
        return Duration.between(changed, Instant.now());
      }
      progress.update("waiting for the new title of " + email + " in Gmail");
      Stack.sleep(100);
    }
    progress.done();
    throw new StackException(
        "the title change of " + email + " did not reach Gmail within 60 s; see ./signet logs");
  }

  /** Waits until directory-sync has a watch channel open for the tenant (at most 60 s). */
  private void awaitWatchChannel(Progress progress) {
    String watch =
        stack.url(Component.DIRECTORY)
            + "/api/v1/tenants/"
            + home.get("demo.tenant-id").orElseThrow()
            + "/directory/watch";
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (!http.call("GET", watch, tenantToken(), null).path("open").asBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new StackException("directory-sync opened no watch channel within 60 s: " + watch);
      }
      progress.update("waiting for directory-sync's watch channel");
      Stack.sleep(250);
    }
  }

  /** push-service's status of the demo tenant: counts by state and recent failures. */
  JsonNode pushStatus() {
    return http.call(
        "GET",
        stack.url(Component.PUSH)
            + "/api/v1/tenants/"
            + home.get("demo.tenant-id").orElseThrow()
            + "/push",
        tenantToken(),
        null);
  }

  /** An access token for the stack's operator key. */
  String operatorToken() {
    return token(stack.operatorKey());
  }

  String tenantToken() {
    return token(home.get("demo.api-key").orElseThrow());
  }

  private String token(String apiKey) {
    return http.call(
            "POST",
            stack.url(Component.TENANT) + "/api/v1/auth/token",
            null,
            Map.of("apiKey", apiKey))
        .get("accessToken")
        .asText();
  }

  private JsonNode serviceAccount() {
    try {
      JsonNode result = JsonHttp.JSON.readTree(Files.readString(stack.seedResult()));
      return result.get("serviceAccounts").get(0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + stack.seedResult(), e);
    }
  }

  private static JsonNode parse(String json) {
    try {
      return JsonHttp.JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What Gmail holds for the demo users.
   *
   * @param users every user in the directory
   * @param eligible users with Gmail, neither suspended nor archived
   * @param signed eligible users with a signature on every sendAs address
   * @param notEligible why the others get none, with counts
   */
  record GmailView(
      int users, int eligible, int signed, Map<String, Integer> notEligible, String sample) {

    static GmailView of(JsonNode users) {
      String sample = null;
      int eligible = 0;
      int signed = 0;
      Map<String, Integer> notEligible = new TreeMap<>();
      for (JsonNode user : users) {
        if (user.get("suspended").asBoolean()) {
          notEligible.merge("suspended", 1, Integer::sum);
        } else if (user.get("archived").asBoolean()) {
          notEligible.merge("archived", 1, Integer::sum);
        } else if (!user.get("gmailEnabled").asBoolean()) {
          notEligible.merge("without Gmail", 1, Integer::sum);
        } else {
          eligible++;
          if (sample == null && !user.get("primaryEmail").asText().equals(ADMIN)) {
            sample = user.get("primaryEmail").asText();
          }
          boolean all = user.get("sendAs").size() > 0;
          for (JsonNode sendAs : user.get("sendAs")) {
            all &= !sendAs.path("signature").asText("").isEmpty();
          }
          signed += all ? 1 : 0;
        }
      }
      return new GmailView(users.size(), eligible, signed, notEligible, sample);
    }
  }
}
