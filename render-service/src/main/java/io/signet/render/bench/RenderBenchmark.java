package io.signet.render.bench;

import io.signet.events.DirectoryUser;
import io.signet.render.service.AssignmentRule;
import io.signet.render.service.Audience;
import io.signet.render.service.Campaign;
import io.signet.render.service.RenderModel;
import io.signet.render.service.SignatureRenderer;
import io.signet.render.service.SignatureTemplates;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prints renders per second on one thread for a realistic template (sanitising, phone formatting
 * and hashing included) against the target of 20,000/s — a hundred times what one Google project
 * can push — and the time to re-render a 100,000-user tenant.
 *
 * <p>{@code java -cp "render-service/target/classes:$(cat render-service/target/classpath.txt)"
 * io.signet.render.bench.RenderBenchmark}, or {@code ./mvnw -pl render-service exec:java}.
 */
public final class RenderBenchmark {

  public static final String TEMPLATE =
      """
      <table cellpadding="0" cellspacing="0" style="font-family: Arial, sans-serif; font-size: 13px">
        <tr>
          <td style="padding-right: 12px"><img src="https://cdn.acme.example/logo.png" alt="{tenant.name}" width="64"></td>
          <td>
            <b style="color: #1a1a1a">{user.fullName}</b><br>
            {#if user.title}
            {user.title}{#if user.department}, {user.department}{/if}<br>
            {/if}
            {#if user.phone.work}
            T <a href="tel:{user.phone.work}">{user.phone.work}</a><br>
            {/if}
            {#if user.phone.mobile}
            M <a href="tel:{user.phone.mobile}">{user.phone.mobile}</a><br>
            {/if}
            <a href="mailto:{sendAs.email}">{sendAs.email}</a>
            {#if user.address}
            <br><span style="color: #666">{user.address}</span>
            {/if}
          </td>
        </tr>
      </table>
      {#if campaign}
      <div style="margin-top: 8px">{campaign.banner}</div>
      {/if}
      """;

  private RenderBenchmark() {}

  public static void main(String[] args) {
    int users = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    SignatureTemplates.Compiled template = SignatureTemplates.compile(TEMPLATE);
    AssignmentRule rule = new AssignmentRule(0, Audience.EVERYONE, "default", false);
    RenderModel.Tenant tenant = new RenderModel.Tenant("Acme", "acme.example", "CH");
    Instant now = Instant.now();
    List<Campaign> campaigns =
        List.of(
            new Campaign(
                "winter",
                "Winter",
                "<a href=\"https://acme.example/winter\"><img src=\"https://cdn.acme.example/winter.png\" alt=\"Winter sale\"></a>",
                now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(1)),
                new Audience(Audience.Kind.ORG_UNIT, "/Sales")));
    List<DirectoryUser> tenantUsers = users(users, 0);

    List<DirectoryUser> warmUp = users(20_000, 900_000);
    warmUp.forEach(user -> SignatureRenderer.render(user, rule, template, tenant, campaigns, now));
    pass(
        "first render (every phone number new)",
        tenantUsers,
        rule,
        template,
        tenant,
        campaigns,
        now);
    SignatureTemplates.Compiled edited =
        SignatureTemplates.compile(TEMPLATE.replace("color: #666", "color: #555"));
    pass("re-render after a template edit", tenantUsers, rule, edited, tenant, campaigns, now);
  }

  private static void pass(
      String name,
      List<DirectoryUser> users,
      AssignmentRule rule,
      SignatureTemplates.Compiled template,
      RenderModel.Tenant tenant,
      List<Campaign> campaigns,
      Instant now) {
    long started = System.nanoTime();
    long characters = 0;
    for (DirectoryUser user : users) {
      characters +=
          SignatureRenderer.render(user, rule, template, tenant, campaigns, now)
              .targets()
              .get(0)
              .html()
              .length();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    double perSecond = users.size() / seconds;
    System.out.printf(
        "%s, one thread: %,.0f renders/s (target >= 20,000/s: %s); %,d users in %.2f s;"
            + " mean signature %d characters%n",
        name,
        perSecond,
        perSecond >= 20_000 ? "met" : "NOT met",
        users.size(),
        seconds,
        characters / users.size());
  }

  /** Users with distinct phone numbers, numbered from {@code first}. */
  private static List<DirectoryUser> users(int count, int first) {
    String[][] names = {
      {"Jane", "Doe"},
      {"ليلى", "حداد"},
      {"נועה", "כהן"},
      {"伟", "王"},
      {"Jürgen", "Müller"},
      {"Анна", "Иванова"}
    };
    String[] units = {"/Sales", "/Engineering", "/Support", "/Finance"};
    List<DirectoryUser> users = new ArrayList<>(count);
    for (int n = 0; n < count; n++) {
      int i = first + n;
      String[] name = names[i % names.length];
      users.add(
          new DirectoryUser(
              "e" + i,
              Instant.EPOCH,
              DirectoryUser.SCHEMA_VERSION,
              "acme",
              String.valueOf(100_000_000 + i),
              "user" + i + "@acme.example",
              List.of(),
              new DirectoryUser.PersonName(name[0], name[1], name[0] + " " + name[1], null),
              i % 10 == 0 ? null : "Account Executive",
              "Sales",
              i % 5 == 0
                  ? List.of()
                  : List.of(
                      new DirectoryUser.Phone(
                          "work",
                          String.format(
                              "044 %03d %02d %02d", i / 10000 % 1000, i / 100 % 100, i % 100),
                          true),
                      new DirectoryUser.Phone(
                          "mobile",
                          String.format(
                              "079 %03d %02d %02d", i / 10000 % 1000, i / 100 % 100, i % 100),
                          false)),
              List.of(
                  new DirectoryUser.PostalAddress(
                      "work",
                      "Brandschenkestrasse 110, 8002 Zürich",
                      null,
                      null,
                      null,
                      null,
                      null,
                      true)),
              units[i % units.length],
              List.of(),
              Map.of(),
              false,
              false,
              null,
              "h" + i));
    }
    return users;
  }
}
