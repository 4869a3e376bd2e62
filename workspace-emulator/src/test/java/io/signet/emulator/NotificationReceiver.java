package io.signet.emulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A web hook that records the push notifications the emulator POSTs to it. */
final class NotificationReceiver implements AutoCloseable {

  /** One notification: its {@code X-Goog-*} headers and body. */
  record Notification(Map<String, List<String>> headers, String body) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(entry -> entry.getKey().equalsIgnoreCase(name))
          .map(entry -> entry.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  private final HttpServer server;
  private final BlockingQueue<Notification> received = new LinkedBlockingQueue<>();

  NotificationReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/hook",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          received.add(new Notification(Map.copyOf(exchange.getRequestHeaders()), body));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
  }

  String address() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  /** The next notification, waiting up to the timeout. */
  Notification next(Duration timeout) throws InterruptedException {
    Notification notification = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (notification == null) {
      throw new AssertionError("no notification within " + timeout);
    }
    return notification;
  }

  /** Whether nothing arrives within the window. */
  boolean quietFor(Duration window) throws InterruptedException {
    return received.poll(window.toMillis(), TimeUnit.MILLISECONDS) == null;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
