package io.signet.tenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.signet.google.GoogleScopes;
import io.signet.tenant.service.KeyVault;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * What keeps tenants apart and credentials safe: the key exchange throttle (requests sent from
 * other loopback addresses, so they are real peers), the broker's scopes per service, a suspended
 * or deleted tenant's tokens, and vault ciphertexts bound to their tenant.
 */
@QuarkusTest
@TenantServiceTestProfile
class TenantSecurityTest {

  @Inject KeyVault vault;
  @Inject AgroalDataSource database;

  @Test
  void repeatedBadKeysFromOneAddressAreThrottledWhileAnotherAddressStillGetsItsToken()
      throws Exception {
    for (int i = 0; i < 10; i++) {
      assertThat(exchangeFrom("127.0.0.2", "not-the-key-" + i).status).isEqualTo(401);
    }

    Answer throttled = exchangeFrom("127.0.0.2", TenantServiceSecretsResource.OPERATOR_KEY);
    assertThat(throttled.status).isEqualTo(429);
    assertThat(throttled.header("content-type")).startsWith("application/problem+json");
    assertThat(throttled.body).contains("https://signet.io/problems/too-many-attempts");
    assertThat(Long.parseLong(throttled.header("retry-after"))).isBetween(1L, 60L);

    assertThat(exchangeFrom("127.0.0.3", TenantServiceSecretsResource.OPERATOR_KEY).status)
        .isEqualTo(200);
    assertThat(Onboarding.operatorToken()).isNotBlank();
  }

  @Test
  void repeatedBadSecretsForOneTenantKeyAreThrottledFromEveryAddress() throws Exception {
    String apiKey = new Onboarding().createTenant()[1];
    String otherKey = new Onboarding().createTenant()[1];
    String keyPart = apiKey.substring(0, apiKey.lastIndexOf('_') + 1);
    for (int i = 0; i < 10; i++) {
      assertThat(exchangeFrom("127.0.1." + (i + 1), keyPart + "guess" + i).status).isEqualTo(401);
    }

    assertThat(exchangeFrom("127.0.1.100", apiKey).status).isEqualTo(429);
    assertThat(exchangeFrom("127.0.1.100", otherKey).status).isEqualTo(200);
  }

  @Test
  void eachServiceGetsOnlyItsOwnGoogleScopes() {
    Onboarding onboarding = new Onboarding();
    String tenantId = onboarding.createTenant()[0];
    String push = Onboarding.serviceToken();
    String directory = Onboarding.exchange(TenantServiceSecretsResource.DIRECTORY_SERVICE_KEY);

    broker(push, tenantId, onboarding.admin, GoogleScopes.GMAIL_SETTINGS_BASIC).statusCode(200);
    broker(push, tenantId, onboarding.admin, GoogleScopes.DIRECTORY_USER_READONLY)
        .statusCode(403)
        .contentType("application/problem+json")
        .body("type", equalTo("https://signet.io/problems/scope-not-allowed"))
        .body("detail", org.hamcrest.Matchers.containsString("admin.directory.user.readonly"));
    broker(directory, tenantId, onboarding.admin, GoogleScopes.DIRECTORY_USER_READONLY)
        .statusCode(200);
    broker(directory, tenantId, onboarding.admin, GoogleScopes.GMAIL_SETTINGS_BASIC)
        .statusCode(403)
        .body("type", equalTo("https://signet.io/problems/scope-not-allowed"));
    broker(
            directory,
            tenantId,
            onboarding.admin,
            GoogleScopes.DIRECTORY_USER_READONLY,
            GoogleScopes.DIRECTORY_ROLEMANAGEMENT_READONLY)
        .statusCode(403);
  }

  @Test
  void theBrokersOwnPortAnswersProblemsForBadRequests() {
    String push = Onboarding.serviceToken();
    Onboarding.broker()
        .auth()
        .oauth2(push)
        .contentType(ContentType.JSON)
        .body("{\"tenantId\":")
        .post("/internal/v1/tokens")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo("https://signet.io/problems/invalid-request"));
    Onboarding.broker()
        .auth()
        .oauth2(push)
        .contentType(ContentType.JSON)
        .body("{\"unknownField\":1}")
        .post("/internal/v1/tokens")
        .then()
        .statusCode(400);
    Onboarding.broker()
        .auth()
        .oauth2(push)
        .contentType(ContentType.JSON)
        .body("{\"a\":\"" + "x".repeat(100_000) + "\"}")
        .post("/internal/v1/tokens")
        .then()
        .statusCode(413)
        .contentType("application/problem+json");
    Onboarding.broker()
        .auth()
        .oauth2("not-a-token")
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/internal/v1/tokens")
        .then()
        .statusCode(401)
        .contentType("application/problem+json");
    Onboarding.broker().get("/api/v1/tenants").then().statusCode(404);
  }

  @Test
  void aSuspendedTenantsAdminMayReadButNotChangeNorVerify() {
    Onboarding onboarding = new Onboarding();
    String[] tenant = onboarding.createTenant();
    String token = Onboarding.exchange(tenant[1]);
    String operator = Onboarding.operatorToken();
    given().auth().oauth2(operator).post(path(tenant[0], "/suspend")).then().statusCode(200);

    given()
        .auth()
        .oauth2(token)
        .get(path(tenant[0], ""))
        .then()
        .statusCode(200)
        .body("status", equalTo("SUSPENDED"));
    given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(Map.of("autoPush", false))
        .patch(path(tenant[0], "/settings"))
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("type", equalTo("https://signet.io/problems/tenant-suspended"));
    given().auth().oauth2(token).post(path(tenant[0], "/verifications")).then().statusCode(403);
    given()
        .auth()
        .oauth2(operator)
        .post(path(tenant[0], "/verifications"))
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("type", equalTo("https://signet.io/problems/tenant-suspended"));
    given().auth().oauth2(operator).get(path(tenant[0], "")).then().body("autoPush", equalTo(true));

    given().auth().oauth2(operator).post(path(tenant[0], "/resume")).then().statusCode(200);
    onboarding.verify(tenant[0], token);
  }

  @Test
  void aDeletedTenantsTokenStopsWorkingAtOnce() {
    String[] tenant = new Onboarding().createTenant();
    String token = Onboarding.exchange(tenant[1]);
    given().auth().oauth2(token).get(path(tenant[0], "")).then().statusCode(200);

    given()
        .auth()
        .oauth2(Onboarding.operatorToken())
        .delete(path(tenant[0], ""))
        .then()
        .statusCode(204);

    given()
        .auth()
        .oauth2(token)
        .get(path(tenant[0], ""))
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .body("type", equalTo("https://signet.io/problems/tenant-deleted"));
  }

  @Test
  void aCiphertextMovedToAnotherTenantDoesNotDecrypt() throws Exception {
    UUID a = ownKeyTenant();
    String tenantA = tenantOf(a);
    UUID b = ownKeyTenant();
    String tenantB = tenantOf(b);
    assertThat(new String(vault.read(tenantA, a), StandardCharsets.UTF_8)).contains("private_key");

    // the reference moved: A's row names B's secret
    assertThatThrownBy(() -> vault.read(tenantA, b)).hasMessageContaining("cannot be decrypted");
    // the bytes moved: B's ciphertext copied into A's secret
    sql(
        "update vault_secret set ciphertext = s.ciphertext, nonce = s.nonce"
            + " from vault_secret s where vault_secret.id = ? and s.id = ?",
        a,
        b);
    assertThatThrownBy(() -> vault.read(tenantA, a)).hasMessageContaining("cannot be decrypted");
    assertThat(vault.read(tenantB, b)).isNotEmpty();
  }

  @Test
  void aSecretStoredBeforeOwnersWereBoundIsReencryptedAndStillReads() throws Exception {
    String tenantId = tenantOf(ownKeyTenant());
    UUID legacy = UUID.randomUUID();
    byte[] plaintext = "{\"legacy\":true}".getBytes(StandardCharsets.UTF_8);
    byte[] nonce = new byte[12];
    new SecureRandom().nextBytes(nonce);
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(
        Cipher.ENCRYPT_MODE,
        new SecretKeySpec(TenantServiceSecretsResource.MASTER_KEY, "AES"),
        new GCMParameterSpec(128, nonce));
    cipher.updateAAD(
        ByteBuffer.allocate(16)
            .putLong(legacy.getMostSignificantBits())
            .putLong(legacy.getLeastSignificantBits())
            .array());
    byte[] ciphertext = cipher.doFinal(plaintext);
    // as V3's migration leaves a secret of an earlier version: format 1, owner from its tenant
    sql(
        "insert into vault_secret (id, master_key_id, nonce, ciphertext, created_at, owner, format)"
            + " values (?, 'test-1', ?, ?, now(), ?, 1)",
        legacy,
        nonce,
        ciphertext,
        tenantId);
    assertThat(vault.read(tenantId, legacy)).isEqualTo(plaintext);
    assertThatThrownBy(() -> vault.read("t-another", legacy)).hasMessageContaining("not");

    assertThat(vault.bindLegacySecrets()).isGreaterThanOrEqualTo(1);

    assertThat(queryString("select format::text from vault_secret where id = ?", legacy))
        .isEqualTo("2");
    assertThat(vault.read(tenantId, legacy)).isEqualTo(plaintext);
    assertThatThrownBy(() -> vault.read("t-another", legacy))
        .hasMessageContaining("cannot be decrypted");
  }

  /** A tenant with its own uploaded key; returns the key's secret id. */
  private UUID ownKeyTenant() throws Exception {
    Onboarding onboarding = new Onboarding();
    String[] tenant = onboarding.createTenant();
    given()
        .auth()
        .oauth2(Onboarding.exchange(tenant[1]))
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "mode",
                "OWN",
                "serviceAccountKey",
                new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(onboarding.ownServiceAccount().json())))
        .put(path(tenant[0], "/delegation"))
        .then()
        .statusCode(200);
    return UUID.fromString(
        queryString("select own_key_secret_id::text from tenant where id = ?", tenant[0]));
  }

  private String tenantOf(UUID secret) throws Exception {
    return queryString("select id from tenant where own_key_secret_id = ?", secret);
  }

  private String queryString(String sql, Object parameter) throws Exception {
    try (Connection connection = database.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setObject(1, parameter);
      try (ResultSet rows = statement.executeQuery()) {
        assertThat(rows.next()).as(sql).isTrue();
        return rows.getString(1);
      }
    }
  }

  private void sql(String sql, Object... parameters) throws Exception {
    try (Connection connection = database.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      statement.executeUpdate();
    }
  }

  private static String path(String tenantId, String rest) {
    return "/api/v1/tenants/" + tenantId + rest;
  }

  private static io.restassured.response.ValidatableResponse broker(
      String token, String tenantId, String subject, String... scopes) {
    return Onboarding.broker()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(Map.of("tenantId", tenantId, "subject", subject, "scopes", List.of(scopes)))
        .post("/internal/v1/tokens")
        .then();
  }

  /** An HTTP answer read off the socket. */
  private record Answer(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name);
    }
  }

  /** POSTs an exchange over a socket bound to {@code source}, another loopback address. */
  private static Answer exchangeFrom(String source, String apiKey) throws Exception {
    byte[] body = ("{\"apiKey\":\"" + apiKey + "\"}").getBytes(StandardCharsets.UTF_8);
    try (Socket socket =
        new Socket(
            InetAddress.getByName("127.0.0.1"),
            RestAssured.port,
            InetAddress.getByName(source),
            0)) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /api/v1/auth/token HTTP/1.1\r\nHost: localhost\r\n"
                  + "Content-Type: application/json\r\nConnection: close\r\nContent-Length: "
                  + body.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      ByteArrayOutputStream read = new ByteArrayOutputStream();
      socket.getInputStream().transferTo(read);
      String[] parts = read.toString(StandardCharsets.UTF_8).split("\r\n\r\n", 2);
      String[] lines = parts[0].split("\r\n");
      Map<String, String> headers = new java.util.HashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.put(
            lines[i].substring(0, colon).trim().toLowerCase(),
            lines[i].substring(colon + 1).trim());
      }
      return new Answer(
          Integer.parseInt(lines[0].split(" ")[1]), headers, parts.length > 1 ? parts[1] : "");
    }
  }
}
