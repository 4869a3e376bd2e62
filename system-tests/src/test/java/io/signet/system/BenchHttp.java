package io.signet.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** JSON over HTTP/1.1 for the benchmark's large reads (write log, every user of a Workspace). */
final class BenchHttp {

  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  JsonNode get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET());
  }

  JsonNode get(String url, String bearer) {
    return send(
        HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + bearer));
  }

  private JsonNode send(HttpRequest.Builder request) {
    try {
      HttpResponse<byte[]> response =
          client.send(
              request.timeout(Duration.ofSeconds(60)).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            response.uri()
                + " answered "
                + response.statusCode()
                + ": "
                + new String(response.body()));
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  static void sleep(long millis) {
    LocalStackRun.sleep(Duration.ofMillis(millis));
  }
}
