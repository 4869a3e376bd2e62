package io.signet.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The admin API over HTTP: it does what it says, and refuses bad input without side effects. */
class AdminApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final EmulatorFixture fixture = new EmulatorFixture();
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void seedsACustomerWithAServiceAccountDelegationAndUsers() throws Exception {
    String seed =
        """
        {"serviceAccounts": [{"projectId": "demo-project", "name": "demo-connector"}],
         "customers": [{"domains": ["demo.test"],
           "delegations": [{"serviceAccount": "demo-connector@demo-project.iam.gserviceaccount.com",
                            "scopes": ["https://www.googleapis.com/auth/gmail.settings.basic"]}],
           "users": [{"primaryEmail": "boss@demo.test", "givenName": "Big", "familyName": "Boss"}],
           "generate": {"count": 50, "seed": 3},
           "groups": [{"email": "all@demo.test", "name": "All", "members": ["boss@demo.test"]}],
           "roleAssignments": [{"userKey": "boss@demo.test", "roleName": "_SEED_ADMIN_ROLE"}]}]}
        """;

    HttpResponse<String> response = call("POST", "/emulator/v1/seed", seed);

    assertThat(response.statusCode()).isEqualTo(201);
    JsonNode answer = JSON.readTree(response.body());
    assertThat(answer.at("/customers/0/users").asInt()).isEqualTo(51);
    assertThat(answer.at("/serviceAccounts/0/keyJson").asText())
        .contains("\"token_uri\": \"" + fixture.emulator.baseUrl() + "token\"");
    assertThat(fixture.state.isSuperAdmin(fixture.state.requireUser("boss@demo.test"))).isTrue();
  }

  @Test
  void mutatingAUserChangesWhatTheDirectoryAnswers() throws Exception {
    HttpResponse<String> response =
        call("PATCH", "/emulator/v1/users/" + EmulatorFixture.JANE, "{\"title\": \"CTO\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(
            fixture
                .directoryAs(EmulatorFixture.ADMIN)
                .users()
                .get(EmulatorFixture.JANE)
                .execute()
                .getOrganizations()
                .toString())
        .contains("CTO");
  }

  @Test
  void sendAsAndWriteLogAreReadBack() throws Exception {
    fixture
        .gmailAs(EmulatorFixture.JANE)
        .users()
        .settings()
        .sendAs()
        .patch(
            "me",
            EmulatorFixture.JANE,
            new com.google.api.services.gmail.model.SendAs().setSignature("<b>J</b>"))
        .execute();

    JsonNode sendAs =
        JSON.readTree(
            call("GET", "/emulator/v1/users/" + EmulatorFixture.JANE + "/send-as", null).body());
    JsonNode log =
        JSON.readTree(call("GET", "/emulator/v1/write-log?afterSequence=0", null).body());
    JsonNode users = JSON.readTree(call("GET", "/emulator/v1/customers/C0acme/users", null).body());
    JsonNode jane = null;
    JsonNode noGmail = null;
    for (JsonNode user : users.get("users")) {
      if (user.get("primaryEmail").asText().equals(EmulatorFixture.JANE)) {
        jane = user;
      } else if (user.get("primaryEmail").asText().equals(EmulatorFixture.NO_GMAIL)) {
        noGmail = user;
      }
    }

    assertThat(sendAs.at("/sendAs/0/signature").asText()).isEqualTo("<b>J</b>");
    assertThat(jane.at("/sendAs/0/signature").asText()).isEqualTo("<b>J</b>");
    assertThat(jane.get("gmailEnabled").asBoolean()).isTrue();
    assertThat(noGmail.get("gmailEnabled").asBoolean()).isFalse();
    assertThat(log.get("total").asLong()).isEqualTo(1);
    assertThat(log.at("/writes/0/sendAsEmail").asText()).isEqualTo(EmulatorFixture.JANE);
  }

  @Test
  void aSendAsIsSetUpAndRemovedAsTheUserWouldInGmailsSettings() throws Exception {
    String path = "/emulator/v1/users/" + EmulatorFixture.JANE + "/send-as";

    HttpResponse<String> own = call("POST", path, "{\"sendAsEmail\":\"j.doe@acme-mail.test\"}");
    HttpResponse<String> external =
        call("POST", path, "{\"sendAsEmail\":\"jane@elsewhere.example\"}");
    JsonNode entries = JSON.readTree(call("GET", path, null).body()).get("sendAs");
    HttpResponse<String> removed = call("DELETE", path + "/jane@elsewhere.example", null);
    HttpResponse<String> primary = call("DELETE", path + "/" + EmulatorFixture.JANE, null);

    assertThat(own.statusCode()).isEqualTo(201);
    assertThat(external.statusCode()).isEqualTo(201);
    assertThat(entries.findValuesAsText("sendAsEmail"))
        .containsExactly(
            EmulatorFixture.JANE,
            "jane@acme.test",
            "j.doe@acme-mail.test",
            "jane@elsewhere.example");
    assertThat(entries.get(2).get("verificationStatus").asText()).isEqualTo("accepted");
    assertThat(entries.get(3).get("verificationStatus").asText()).isEqualTo("pending");
    assertThat(removed.statusCode()).isEqualTo(204);
    assertThat(primary.statusCode()).isEqualTo(404);
  }

  @ParameterizedTest(name = "{0} {1} {2} -> {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "POST | /emulator/v1/customers/C0acme/users | {\"primaryEmail\":\"x@acme.test\",\"favourite\":1} | 400 | unknown field 'favourite'",
        "POST | /emulator/v1/customers/C0acme/users | {\"primaryEmail\":\"not-an-email\"} | 400 | not a valid email",
        "POST | /emulator/v1/customers/C0acme/users | {\"primaryEmail\":\"jane.doe@acme.test\"} | 409 | already in use",
        "POST | /emulator/v1/customers/C0acme/users | {\"primaryEmail\":\"x@elsewhere.test\"} | 400 | not in a domain",
        "POST | /emulator/v1/customers/C0acme/users | {\"primaryEmail\": | 400 | malformed JSON",
        "POST | /emulator/v1/customers/C0nope/users | {\"primaryEmail\":\"x@acme.test\"} | 404 | no customer",
        "POST | /emulator/v1/customers | {\"domains\":[\"acme.test\"]} | 409 | already belongs",
        "POST | /emulator/v1/customers | {\"domains\":[\"bad domain\"]} | 400 | not a valid domain",
        "PUT | /emulator/v1/customers/C0acme/delegations/abc | {\"scopes\":[\"x\"]} | 400 | client id",
        "PUT | /emulator/v1/quotas | {\"enabled\":true,\"gmailUnitsPerMinutePerProject\":0,\"gmailUnitsPerMinutePerUser\":1,\"directoryQueriesPerMinutePerUser\":1} | 400 | at least 1",
        "POST | /emulator/v1/faults/next | {\"operation\":\"nope\",\"count\":1,\"status\":503,\"reason\":\"backendError\"} | 400 | unknown operation",
        "POST | /emulator/v1/customers/C0acme/users/generate | {\"count\":0} | 400 | count must be",
        "GET | /emulator/v1/faults/injected-latency?after=yesterday | | 400 | RFC 3339",
        "GET | /emulator/v1/faults/injected-latency?operation=nope | | 400 | unknown operation",
        "GET | /emulator/v1/nothing-here | | 404 | no such admin resource",
      })
  void badInputIsRefusedWithAReadableReasonAndChangesNothing(
      String method, String path, String body, int status, String reason) throws Exception {
    int usersBefore = fixture.state.userCount();
    int customersBefore = fixture.state.customers().size();

    HttpResponse<String> response = call(method, path, body);

    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(JSON.readTree(response.body()).at("/error/message").asText()).contains(reason);
    assertThat(fixture.state.userCount()).isEqualTo(usersBefore);
    assertThat(fixture.state.customers()).hasSize(customersBefore);
  }

  @Test
  void aBatchWithOneConflictCreatesNoneOfItsUsers() throws Exception {
    int before = fixture.state.userCount();
    String seed =
        """
        {"customers": [{"domains": ["batch.test"],
           "users": [{"primaryEmail": "a@batch.test"}, {"primaryEmail": "a@batch.test"}]}]}
        """;

    HttpResponse<String> response = call("POST", "/emulator/v1/seed", seed);

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(fixture.state.userCount()).isEqualTo(before);
  }

  @Test
  void generatingTwiceWithTheSameSeedAvoidsTheAddressesTheFirstTook() throws Exception {
    int before = fixture.state.userCount();
    for (int round = 0; round < 2; round++) {
      HttpResponse<String> response =
          call(
              "POST",
              "/emulator/v1/customers/C0acme/users/generate",
              "{\"count\":2000,\"seed\":5}");
      assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }
    assertThat(fixture.state.userCount()).isEqualTo(before + 4000);
  }

  @Test
  void aHugeBodyIsRefused() throws Exception {
    String huge = "{\"primaryEmail\":\"" + "x".repeat(2 * 1024 * 1024) + "@acme.test\"}";

    HttpResponse<String> response = call("POST", "/emulator/v1/customers/C0acme/users", huge);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("larger than");
  }

  private HttpResponse<String> call(String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest.BodyPublisher publisher =
        body == null || body.isEmpty()
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(fixture.emulator.baseUrl() + path.substring(1)))
            .header("Content-Type", "application/json")
            .method(method, publisher)
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
