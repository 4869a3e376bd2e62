package io.signet.emulator;

import static io.signet.emulator.EmulatorFixture.ADMIN;
import static io.signet.emulator.EmulatorFixture.JANE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.api.services.directory.Directory;
import com.google.api.services.directory.model.Channel;
import com.google.api.services.directory.model.User;
import com.google.api.services.directory.model.Users;
import io.signet.emulator.http.FaultRequests;
import io.signet.emulator.http.WatchSettings;
import io.signet.emulator.seed.UserGenerator;
import io.signet.emulator.state.UserSpec;
import io.signet.google.GoogleError;
import io.signet.google.GoogleErrorClassifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Directory users, paging and watch channels as Google has them (the fidelity table's section of
 * that name): pages answered without users, renames, https-only channels, capped lifetimes,
 * notifications that arrive late.
 */
class DirectoryPagingAndWatchFidelityTest {

  private final EmulatorFixture fixture = new EmulatorFixture();
  private final Directory directory = fixture.directoryAs(ADMIN);

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void aPageCanAnswer200WithoutUsersAndPagingGoesOn() throws Exception {
    fixture.state.createUsers(
        fixture.customerId, UserGenerator.generate("acme-mail.test", 1_200, 7));
    fixture.emulator.controls().missingUsers(new FaultRequests.MissingUsersRequest(1, 1));
    List<Users> pages = new ArrayList<>();
    String pageToken = null;
    do {
      Users page =
          directory
              .users()
              .list()
              .setCustomer("my_customer")
              .setMaxResults(500)
              .setPageToken(pageToken)
              .execute();
      pages.add(page);
      pageToken = page.getNextPageToken();
    } while (pageToken != null);

    assertThat(pages).hasSize(3);
    assertThat(pages.get(0).getUsers()).hasSize(500);
    assertThat(pages.get(1).getUsers()).isNull(); // the field is absent, not an empty list
    assertThat(pages.get(1).getNextPageToken()).isNotNull();
    assertThat(pages.get(2).getUsers()).hasSize(204);
  }

  @Test
  void aRenamedUserKeepsItsOldAddressAsAnAlias() throws Exception {
    fixture.state.updateUser(
        JANE, io.signet.emulator.state.UserSpec.renamePatch("jane.smith@acme.test"));

    User renamed = directory.users().get("jane.smith@acme.test").execute();
    assertThat(renamed.getAliases()).contains(JANE, "jane@acme.test", "j.doe@acme-mail.test");
    assertThat(directory.users().get(JANE).execute().getId()).isEqualTo(renamed.getId());
  }

  @Test
  void anHttpAddressIsRefusedAsGoogleRefusesIt() {
    fixture.emulator.controls().allowHttpWebhooks(false);

    GoogleError error =
        failure(
            () ->
                directory
                    .users()
                    .watch(
                        new Channel()
                            .setId("plain")
                            .setType("web_hook")
                            .setAddress("http://127.0.0.1:9/hook"))
                    .setCustomer("my_customer")
                    .execute());

    assertThat(error.httpStatus()).isEqualTo(400);
    assertThat(error.reason()).isEqualTo("push.webhookUrlNotHttps");
    assertThat(error.message()).startsWith("WebHook callback must be HTTPS");
  }

  @Test
  void aChannelLivesAtMostSixHoursAndTwoWhenNoLifetimeIsAsked() throws Exception {
    try (NotificationReceiver hook = new NotificationReceiver()) {
      Instant before = Instant.now();
      Channel asked2Days =
          directory
              .users()
              .watch(
                  new Channel()
                      .setId("long")
                      .setType("web_hook")
                      .setAddress(hook.address())
                      .setExpiration(before.plus(Duration.ofDays(2)).toEpochMilli()))
              .setCustomer("my_customer")
              .execute();
      Channel unasked =
          directory
              .users()
              .watch(new Channel().setId("default").setType("web_hook").setAddress(hook.address()))
              .setCustomer("my_customer")
              .execute();

      assertThat(Instant.ofEpochMilli(asked2Days.getExpiration()))
          .isBetween(before.plus(Duration.ofHours(6)), Instant.now().plus(Duration.ofHours(6)));
      assertThat(Instant.ofEpochMilli(unasked.getExpiration()))
          .isBetween(before.plus(Duration.ofHours(2)), Instant.now().plus(Duration.ofHours(2)));
    }
  }

  @Test
  void notificationsCanBeDelayed() throws Exception {
    fixture.emulator.controls().configureWatch(new WatchSettings(7_200, 21_600, 700));
    try (NotificationReceiver hook = new NotificationReceiver()) {
      directory
          .users()
          .watch(new Channel().setId("late").setType("web_hook").setAddress(hook.address()))
          .setCustomer("my_customer")
          .execute();
      hook.next(Duration.ofSeconds(5)); // sync

      long changed = System.nanoTime();
      fixture.state.updateUser(JANE, UserSpec.titlePatch("CTO"));
      var update = hook.next(Duration.ofSeconds(5));

      assertThat(update.header("X-Goog-Resource-State")).isEqualTo("update");
      assertThat(Duration.ofNanos(System.nanoTime() - changed))
          .isGreaterThanOrEqualTo(Duration.ofMillis(700));
    }
  }

  @Test
  void theAdminApiSetsWatchSettingsAndRefusesNonsense() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String base = fixture.emulator.baseUrl() + "emulator/v1/watch-settings";
    HttpResponse<String> bad =
        http.send(
            HttpRequest.newBuilder(URI.create(base))
                .PUT(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"defaultChannelSeconds\":10,\"maxChannelSeconds\":5,\"deliveryDelayMillis\":0}"))
                .header("Content-Type", "application/json")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> good =
        http.send(
            HttpRequest.newBuilder(URI.create(base))
                .PUT(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"defaultChannelSeconds\":5,\"maxChannelSeconds\":10,\"deliveryDelayMillis\":250}"))
                .header("Content-Type", "application/json")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> missing =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        fixture.emulator.baseUrl() + "emulator/v1/faults/users-list-missing-users"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"count\":0}"))
                .header("Content-Type", "application/json")
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(good.statusCode()).isEqualTo(200);
    assertThat(fixture.emulator.controls().watchSettings())
        .isEqualTo(new WatchSettings(5, 10, 250));
    assertThat(missing.statusCode()).isEqualTo(400);
    fixture.emulator.controls().reset();
    assertThat(fixture.emulator.controls().watchSettings()).isEqualTo(WatchSettings.GOOGLE);
  }

  private static GoogleError failure(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    Throwable failure = catchThrowable(call);
    assertThat(failure).as("the call must fail").isNotNull();
    return GoogleErrorClassifier.classify(failure);
  }
}
