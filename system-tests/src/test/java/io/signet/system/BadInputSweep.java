package io.signet.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every public endpoint of every service, as its OpenAPI document lists it, fed what a careless or
 * hostile client sends: no or wrong credentials, hostile path and query parameters, malformed JSON,
 * wrong JSON types, unknown fields, oversize bodies, the wrong or no content type, and — generated
 * from the request body's schema ({@link HostileBodies}) — hostile values for every string, number,
 * boolean, array and nested object field, duplicate keys and deep nesting — and hostile templates.
 * Each request must be refused (4xx) with a problem+json body; {@link #verdicts} lists those that
 * were not. Bodies are never valid but for the hostile templates (which must be refused as
 * templates), and real ids are only used where the request is refused before it acts, so the sweep
 * must not change any database.
 */
final class BadInputSweep {

  /** What was sent and what came back. */
  record Verdict(String request, int status, String contentType) {
    boolean refusedProperly() {
      return status >= 400
          && status < 500
          && contentType != null
          && contentType.startsWith("application/problem+json");
    }

    @Override
    public String toString() {
      return request + " -> " + status + " " + contentType;
    }
  }

  /** Hostile values for path parameters, already URL-encoded. */
  static final List<String> HOSTILE_IDS =
      List.of(
          "..%2F..%2F..%2Fetc%2Fpasswd",
          encode("' OR '1'='1' --"),
          encode("1; DROP TABLE push_target; --"),
          encode("<script>alert(1)</script>"),
          encode("${jndi:ldap://127.0.0.1/x}"),
          encode("{{7*7}}"),
          encode("\u202eevil\u0000nul"),
          encode("\uD83D\uDE00 Ｔｅｎａｎｔ ﷽"),
          "a".repeat(3000),
          UUID.randomUUID().toString());

  /** Hostile values for query parameters. */
  static final List<String> HOSTILE_QUERY =
      List.of(
          "-1",
          "2147483647",
          "99999999999999999999",
          "1e309",
          "NaN",
          "abc",
          encode("1 OR 1=1"),
          encode("\u0000"));

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY_EXCHANGE = "/api/v1/auth/token";

  /** Where the sweep's key exchanges come from: any loopback address but the stack's own. */
  private static final String SWEEP_SOURCE_ADDRESS = "127.0.0.2";

  private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z]+)}");

  private final HttpClient http =
      HttpClient.newBuilder()
          // plain HTTP/1.1: no h2c upgrade attempt, which the emulator's server can answer with
          // frames the client then misreads
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private final List<Verdict> verdicts = new ArrayList<>();
  private int requests;

  /** The tokens that reach each kind of endpoint, and the real ids bodies are sent to. */
  record Access(String operator, String tenant, String service, Map<String, String> realIds) {}

  List<Verdict> verdicts() {
    return verdicts;
  }

  int requests() {
    return requests;
  }

  /**
   * Sweeps every operation of the service at {@code baseUrl}, as its OpenAPI document (served on
   * its management port, {@code managementUrl}) lists them.
   */
  void sweep(String baseUrl, String managementUrl, Access access) throws Exception {
    JsonNode openapi = JSON.readTree(get(managementUrl + "/q/openapi?format=json"));
    HostileBodies generator = new HostileBodies(openapi);
    Iterator<Map.Entry<String, JsonNode>> paths = openapi.get("paths").fields();
    while (paths.hasNext()) {
      Map.Entry<String, JsonNode> path = paths.next();
      if (!path.getKey().startsWith("/api/") && !path.getKey().startsWith("/internal/")) {
        continue;
      }
      Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields();
      while (operations.hasNext()) {
        Map.Entry<String, JsonNode> operation = operations.next();
        sweepOperation(
            baseUrl,
            operation.getKey().toUpperCase(),
            path.getKey(),
            operation.getValue(),
            openapi,
            access,
            generator);
      }
    }
  }

  private void sweepOperation(
      String baseUrl,
      String method,
      String template,
      JsonNode operation,
      JsonNode openapi,
      Access access,
      HostileBodies generator)
      throws Exception {
    boolean anonymous = template.equals(KEY_EXCHANGE);
    boolean channelAuthenticated = template.equals("/api/v1/notifications/directory");
    boolean hasBody = operation.has("requestBody");
    String token = tokenFor(template, access);
    String real = fill(template, access.realIds(), null);
    String someBody = hasBody ? "{\"unknownField\":1}" : null;

    // credentials: none, and a token that is not one
    if (!anonymous && !channelAuthenticated) {
      send(method, baseUrl + real, null, "application/json", someBody);
      send(method, baseUrl + real, "not-a-token", "application/json", someBody);
      send(
          method,
          baseUrl + real,
          "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.",
          "application/json",
          someBody);
    }

    // hostile path parameters, each in turn (the others real): nothing there to act on
    Matcher params = PARAM.matcher(template);
    while (params.find()) {
      for (String hostile : HOSTILE_IDS) {
        send(
            method,
            baseUrl + fill(template, access.realIds(), Map.of(params.group(1), hostile)),
            token,
            "application/json",
            someBody);
      }
    }

    // hostile query parameters on the reads that take them, each alone and all at once at
    // Integer.MAX_VALUE (a page × size that overflows)
    if (method.equals("GET")) {
      List<String> names = new ArrayList<>();
      for (JsonNode parameter : operation.path("parameters")) {
        if ("query".equals(parameter.path("in").asText())) {
          names.add(parameter.get("name").asText());
          for (String hostile : HOSTILE_QUERY) {
            send(
                method,
                baseUrl + real + "?" + parameter.get("name").asText() + "=" + hostile,
                token,
                null,
                null);
          }
        }
      }
      if (names.size() > 1) {
        send(
            method,
            baseUrl
                + real
                + "?"
                + String.join(
                    "&", names.stream().map(name -> name + "=" + Integer.MAX_VALUE).toList()),
            token,
            null,
            null);
      }
    }

    // bodies that are never valid
    if (hasBody) {
      boolean array = isArrayBody(operation);
      for (String body : invalidBodies(array)) {
        send(method, baseUrl + real, token, "application/json", body);
      }
      for (String body : generator.bodies(operation)) {
        send(method, baseUrl + real, token, "application/json", body);
      }
      send(method, baseUrl + real, token, "text/plain", "hello");
      send(method, baseUrl + real, token, "application/xml", "<tenant/>");
      send(method, baseUrl + real, token, "application/x-www-form-urlencoded", "a=b");
      // JSON, but not declared as such
      send(method, baseUrl + real, token, null, "{\"unknownField\":1}");
      for (String body : hostileTemplateBodies(operation, openapi)) {
        send(method, baseUrl + real, token, "application/json", body);
      }
    }
  }

  /**
   * Templates a tenant admin could write to hurt the service: a billion iterations (literal, and
   * computed), 10 MB of output, sections that turn data into code or reach other templates. Each is
   * refused (400 or 422) before anything is saved.
   */
  static final List<String> HOSTILE_TEMPLATES =
      List.of(
          "{#for i in 1000000000}x{/for}",
          "{#let n=1000000000}{#for i in n}x{/for}{/let}",
          "{#let n=10000}{#for i in n}{user.fullName}{user.email}{user.title}{/for}{/let}",
          "{#eval user.fullName /}",
          "{#include other /}");

  /** For an operation whose body carries a template {@code source}: one body per hostile one. */
  private static List<String> hostileTemplateBodies(JsonNode operation, JsonNode openapi)
      throws IOException {
    JsonNode schema = operation.at("/requestBody/content/application~1json/schema");
    if (schema.has("$ref")) {
      schema = openapi.at(schema.get("$ref").asText().substring(1));
    }
    JsonNode properties = schema.path("properties");
    if (!properties.has("source")) {
      return List.of();
    }
    List<String> bodies = new ArrayList<>();
    for (String source : HOSTILE_TEMPLATES) {
      Map<String, String> body = new LinkedHashMap<>();
      if (properties.has("name")) {
        body.put("name", "hostile");
      }
      body.put("source", source);
      bodies.add(JSON.writeValueAsString(body));
    }
    return bodies;
  }

  /** Malformed, wrong types, unknown fields, unicode edge cases in unknown fields, oversize. */
  static List<String> invalidBodies(boolean array) {
    String unknown = array ? "[{\"unknownField\":1}]" : "{\"unknownField\":1}";
    return List.of(
        "{\"a\":",
        "{'single':'quotes'}",
        "\u0000",
        array ? "{\"notAnArray\":true}" : "\"a string, not an object\"",
        array ? "[1, 2, 3]" : "[1, 2, 3]",
        "42",
        unknown,
        array
            ? "[{\"unknownField\":\"\\ud800\\u202e\\u0000\"}]"
            : "{\"unknownField\":\"\\ud800\\u202e\\u0000\"}",
        array
            ? "[{\"unknownField\":\"" + "x".repeat(300_000) + "\"}]"
            : "{\"unknownField\":\"" + "x".repeat(300_000) + "\"}",
        array ? "[" + "[".repeat(5_000) : "{\"a\":" + "[".repeat(5_000));
  }

  private static boolean isArrayBody(JsonNode operation) {
    JsonNode schema = operation.at("/requestBody/content/application~1json/schema");
    return "array".equals(schema.path("type").asText());
  }

  private static String tokenFor(String template, Access access) {
    if (template.startsWith("/internal/")) {
      return access.service();
    }
    if (template.startsWith("/api/v1/tenants/{tenantId}")) {
      return access.tenant();
    }
    return access.operator();
  }

  private static String fill(
      String template, Map<String, String> real, Map<String, String> hostile) {
    Matcher matcher = PARAM.matcher(template);
    StringBuilder path = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1);
      String value =
          hostile != null && hostile.containsKey(name)
              ? hostile.get(name)
              : real.getOrDefault(name, UUID.randomUUID().toString());
      matcher.appendReplacement(path, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(path);
    return path.toString();
  }

  private void send(String method, String url, String token, String contentType, String body)
      throws InterruptedException {
    requests++;
    String described =
        method
            + " "
            + abbreviate(url)
            + (token == null ? " (no token)" : "")
            + (body == null ? "" : " " + contentType + " " + abbreviate(escape(body)));
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
      if (token != null) {
        request.header("Authorization", "Bearer " + token);
      }
      if (contentType != null) {
        request.header("Content-Type", contentType);
      }
      // a body without a Content-Type header goes out as it is: HttpClient adds none
      request.method(
          method,
          body == null
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
      if (URI.create(url).getPath().equals(KEY_EXCHANGE)) {
        verdicts.add(fromOtherAddress(described, URI.create(url), contentType, body));
        return;
      }
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      verdicts.add(
          new Verdict(
              described,
              response.statusCode(),
              response.headers().firstValue("Content-Type").orElse(null)));
    } catch (IllegalArgumentException | IOException e) {
      verdicts.add(new Verdict(described + " [" + e + "]", 0, null));
    }
  }

  /**
   * Sends a key exchange from a loopback address of its own: tenant-service throttles failed
   * exchanges per source address (429 for every key, right or wrong, for a minute), and the sweep's
   * many wrong keys must not lock out the stack's services and tests, which all come from
   * 127.0.0.1. {@link HttpClient} cannot choose its source address on Java 17, so this is plain
   * HTTP/1.1 over a socket bound to it.
   */
  private static Verdict fromOtherAddress(
      String described, URI url, String contentType, String body) throws IOException {
    byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    try (Socket socket =
        new Socket(
            InetAddress.getByName(url.getHost()),
            url.getPort(),
            InetAddress.getByName(SWEEP_SOURCE_ADDRESS),
            0)) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST "
                  + url.getRawPath()
                  + " HTTP/1.1\r\nHost: "
                  + url.getAuthority()
                  + "\r\nConnection: close\r\n"
                  + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
                  + "Content-Length: "
                  + content.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(content);
      out.flush();
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String[] lines = answer.split("\r\n\r\n", 2)[0].split("\r\n");
      String type = null;
      for (int i = 1; i < lines.length; i++) {
        if (lines[i].regionMatches(true, 0, "Content-Type:", 0, 13)) {
          type = lines[i].substring(13).trim();
        }
      }
      return new Verdict(described, Integer.parseInt(lines[0].split(" ")[1]), type);
    }
  }

  private String get(String url) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Control characters made visible in the report. */
  private static String escape(String text) {
    StringBuilder out = new StringBuilder();
    text.chars()
        .limit(200)
        .forEach(
            c -> out.append(c < 0x20 ? String.format("\\u%04x", c) : String.valueOf((char) c)));
    return out.toString();
  }

  private static String abbreviate(String text) {
    return text.length() <= 90 ? text : text.substring(0, 87) + "…";
  }

  /** Real ids by path parameter name. */
  static Map<String, String> realIds(String tenantId, String templateId, String userId) {
    Map<String, String> ids = new LinkedHashMap<>();
    ids.put("id", tenantId);
    ids.put("tenantId", tenantId);
    ids.put("templateId", templateId);
    ids.put("userId", userId);
    ids.put("version", "1");
    return ids;
  }
}
