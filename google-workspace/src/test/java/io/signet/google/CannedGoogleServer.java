package io.signet.google;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * An HTTP server that answers every API call with one canned Google response, and the token
 * endpoint with a token or a canned refusal: enough to see how the real clients surface each of
 * Google's error bodies.
 */
final class CannedGoogleServer implements AutoCloseable {

  private static final String TOKEN =
      "{\"access_token\":\"ya29.canned\",\"expires_in\":3599,\"token_type\":\"Bearer\"}";

  private final HttpServer server;
  private volatile Canned api = new Canned(200, "{}");
  private volatile Canned token = new Canned(200, TOKEN);

  CannedGoogleServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/token", exchange -> answer(exchange, token));
    server.createContext("/", exchange -> answer(exchange, api));
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  /** API calls answer {@code status} with the body of resource {@code /google-errors/<name>}. */
  void answerApi(int status, String errorResource) {
    api = new Canned(status, resource(errorResource));
  }

  void refuseTokens(int status, String errorResource) {
    token = new Canned(status, resource(errorResource));
  }

  void answerApiWith(int status, String body) {
    api = new Canned(status, body);
  }

  /** API calls answer {@code status} with this body and content type (HTML, plain text). */
  void answerApiWith(int status, String body, String contentType) {
    api = new Canned(status, body, contentType);
  }

  /** The token endpoint answers {@code status} with this body and content type. */
  void refuseTokensWith(int status, String body, String contentType) {
    token = new Canned(status, body, contentType);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static void answer(HttpExchange exchange, Canned canned) throws IOException {
    exchange.getRequestBody().readAllBytes();
    byte[] body = canned.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", canned.contentType());
    exchange.sendResponseHeaders(canned.status(), body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static String resource(String name) {
    try (InputStream in = CannedGoogleServer.class.getResourceAsStream("/google-errors/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new IllegalArgumentException("no canned error " + name, e);
    }
  }

  private record Canned(int status, String body, String contentType) {
    Canned(int status, String body) {
      this(status, body, "application/json; charset=UTF-8");
    }
  }
}
