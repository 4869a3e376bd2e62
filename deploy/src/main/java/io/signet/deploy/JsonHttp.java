package io.signet.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** JSON over HTTP to the stack's public APIs, failing with the service's own problem text. */
final class JsonHttp {

  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client =
      HttpClient.newBuilder()
          // plain HTTP/1.1: no h2c upgrade attempt, which the emulator's server can answer with
          // frames the client then misreads
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  /** An answer: its status and JSON body (a missing node when the body is empty or not JSON). */
  record Answer(int status, JsonNode body) {
    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  /** A call that must succeed: anything but 2xx fails with the method, URL, status and body. */
  JsonNode call(String method, String url, String bearer, Object body) {
    Answer answer = send(method, url, bearer, body);
    if (!answer.ok()) {
      throw new IllegalStateException(
          method + " " + url + " answered " + answer.status() + ": " + answer.body());
    }
    return answer.body();
  }

  Answer send(String method, String url, String bearer, Object body) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
      if (bearer != null) {
        request.header("Authorization", "Bearer " + bearer);
      }
      if (body == null) {
        request.method(method, HttpRequest.BodyPublishers.noBody());
      } else {
        request.header("Content-Type", "application/json");
        request.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
      }
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), parse(response.body()));
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + url + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Whether {@code url} answers 200 now. */
  boolean answers(String url) {
    try {
      HttpResponse<Void> response =
          client.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return MissingNode.getInstance();
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return JSON.getNodeFactory().textNode(body);
    }
  }
}
