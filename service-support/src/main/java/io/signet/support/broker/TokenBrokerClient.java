package io.signet.support.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Gets Google access tokens from tenant-service's token broker: this service never holds a private
 * key. Its own service access token is exchanged once and reused until near expiry.
 */
@ApplicationScoped
public class TokenBrokerClient {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final TenantServiceClientConfig config;
  private final ObjectMapper json;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private String serviceToken;
  private Instant serviceTokenExpiry = Instant.EPOCH;

  public TokenBrokerClient(TenantServiceClientConfig config, ObjectMapper json) {
    this.config = config;
    this.json = json;
  }

  /** A Google access token and when it expires. */
  public record GoogleToken(String value, Instant expiresAt) {}

  /**
   * A token for the tenant's user.
   *
   * @param rejected a token Google refused, which the broker must not return again, or null
   */
  public GoogleToken token(String tenantId, String subject, List<String> scopes, String rejected)
      throws IOException {
    Map<String, Object> request = new java.util.HashMap<>();
    request.put("tenantId", tenantId);
    request.put("subject", subject);
    request.put("scopes", scopes);
    if (rejected != null) {
      request.put("rejectedToken", rejected);
    }
    JsonNode answer = post(config.brokerUrl() + "/internal/v1/tokens", request, serviceToken());
    return new GoogleToken(
        answer.get("accessToken").asText(), Instant.parse(answer.get("expiresAt").asText()));
  }

  private synchronized String serviceToken() throws IOException {
    if (serviceToken == null || Instant.now().isAfter(serviceTokenExpiry.minusSeconds(60))) {
      String apiKey =
          config
              .apiKey()
              .orElseThrow(
                  () ->
                      new BrokerRefusal(
                          0, "unconfigured", "signet.tenant-service.api-key is not set"));
      JsonNode answer = post(config.url() + "/api/v1/auth/token", Map.of("apiKey", apiKey), null);
      serviceToken = answer.get("accessToken").asText();
      serviceTokenExpiry = Instant.now().plusSeconds(answer.get("expiresIn").asLong());
    }
    return serviceToken;
  }

  private JsonNode post(String url, Object body, String bearer) throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new BrokerRefusal(0, "unreachable", "tenant-service is unreachable: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BrokerRefusal(0, "interrupted", "interrupted while asking tenant-service");
    }
    JsonNode answer = response.body().length == 0 ? null : json.readTree(response.body());
    if (response.statusCode() != 200 || answer == null) {
      String type = answer == null ? "" : answer.path("type").asText("");
      throw new BrokerRefusal(
          response.statusCode(),
          type.substring(type.lastIndexOf('/') + 1),
          answer == null ? "HTTP " + response.statusCode() : answer.path("detail").asText());
    }
    return answer;
  }
}
