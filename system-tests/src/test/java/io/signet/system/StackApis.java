package io.signet.system;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The running stack's public APIs, as an operator, a tenant admin and the emulator's admin see
 * them: nothing else is reached.
 */
final class StackApis {

  /** The scopes a tenant's domain-wide delegation grants Signet's client. */
  static final List<String> SCOPES =
      List.of(
          "https://www.googleapis.com/auth/gmail.settings.basic",
          "https://www.googleapis.com/auth/admin.directory.user.readonly",
          "https://www.googleapis.com/auth/admin.directory.group.readonly",
          "https://www.googleapis.com/auth/admin.directory.rolemanagement.readonly");

  private final LocalStackRun stack;

  StackApis(LocalStackRun stack) {
    this.stack = stack;
  }

  RequestSpecification tenantService(String token) {
    return as(token, LocalStackRun.TENANT);
  }

  RequestSpecification directory(String token) {
    return as(token, LocalStackRun.DIRECTORY);
  }

  RequestSpecification render(String token) {
    return as(token, LocalStackRun.RENDER);
  }

  RequestSpecification push(String token) {
    return as(token, LocalStackRun.PUSH);
  }

  RequestSpecification emulator() {
    return given().baseUri(stack.url(LocalStackRun.EMULATOR)).contentType(ContentType.JSON);
  }

  /** An access token for an API key. */
  String token(String apiKey) {
    return given()
        .baseUri(stack.url(LocalStackRun.TENANT))
        .contentType(ContentType.JSON)
        .body(Map.of("apiKey", apiKey))
        .post("/api/v1/auth/token")
        .then()
        .statusCode(200)
        .extract()
        .path("accessToken");
  }

  String operatorToken() {
    return token(stack.saved().getProperty("operator.api-key"));
  }

  /** Every user of an emulated customer with the sendAs entries Gmail holds. */
  List<Map<String, Object>> users(String customerId) {
    return emulator()
        .get("/emulator/v1/customers/" + customerId + "/users")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("users");
  }

  /** Whether Gmail holds the marker on every sendAs address of every eligible user. */
  @SuppressWarnings("unchecked")
  boolean everyAddressHolds(String customerId, String marker) {
    return users(customerId).stream()
        .filter(StackApis::eligible)
        .allMatch(
            user ->
                ((List<Map<String, Object>>) user.get("sendAs"))
                    .stream().allMatch(s -> String.valueOf(s.get("signature")).contains(marker)));
  }

  /** The sendAs addresses of the customer's eligible users: each gets a signature. */
  @SuppressWarnings("unchecked")
  int eligibleAddresses(String customerId) {
    return users(customerId).stream()
        .filter(StackApis::eligible)
        .mapToInt(user -> ((List<Object>) user.get("sendAs")).size())
        .sum();
  }

  /** A user Signet signs: active, with Gmail. */
  static boolean eligible(Map<String, Object> user) {
    return !(Boolean) user.get("suspended")
        && !(Boolean) user.get("archived")
        && (Boolean) user.get("gmailEnabled");
  }

  /** The signature Gmail holds on an address. */
  String signature(String address) {
    JsonPath sendAs =
        emulator()
            .get("/emulator/v1/users/" + address + "/send-as")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    List<Map<String, Object>> entries = sendAs.getList("sendAs");
    return entries.stream()
        .filter(entry -> address.equals(entry.get("sendAsEmail")))
        .map(entry -> java.util.Objects.toString(entry.get("signature"), ""))
        .findFirst()
        .orElseThrow();
  }

  /** How many Gmail writes the emulator has accepted so far: a mark for {@link #writesAfter}. */
  long writeMark() {
    return emulator()
        .get("/emulator/v1/write-log?afterSequence=0&limit=1")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getLong("total");
  }

  /** The sendAs addresses written after {@code mark}, one entry per write, in order. */
  List<String> writesAfter(long mark) {
    return emulator()
        .get("/emulator/v1/write-log?afterSequence=" + mark + "&limit=100000")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("writes.sendAsEmail");
  }

  /** A service's metrics in Prometheus' text format, from its management port. */
  /** A full sync of the tenant started through the API, once it has ended (any end state). */
  JsonPath syncAndWait(String token, String tenantId, Duration timeout) {
    String runId =
        directory(token)
            .post("/api/v1/tenants/" + tenantId + "/directory/syncs")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    return org.awaitility.Awaitility.await()
        .atMost(timeout)
        .until(
            () ->
                directory(token)
                    .get("/api/v1/tenants/" + tenantId + "/directory/syncs/" + runId)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath(),
            run -> !List.of("QUEUED", "RUNNING").contains(run.getString("state")));
  }

  String metrics(int port) {
    return given()
        .baseUri(stack.managementUrl(port))
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .extract()
        .asString();
  }

  private RequestSpecification as(String token, int port) {
    RequestSpecification request = given().baseUri(stack.url(port)).contentType(ContentType.JSON);
    return token == null ? request : request.auth().oauth2(token);
  }
}
