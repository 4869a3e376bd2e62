package io.signet.emulator.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.GZIPInputStream;

/**
 * Reads each request body once, up to a size limit, and inflates gzip bodies itself (rather than
 * the server doing it invisibly) so the emulator can count what the clients sent compressed.
 */
final class RequestBodies {

  private static final String KEY = "signet.body";

  private final long maxBytes;
  final LongAdder gzipBodies = new LongAdder();

  RequestBodies(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** The route handler: reads the body, then passes the request on. */
  void read(RoutingContext context) {
    if (context.get(KEY) != null) {
      context.next();
      return;
    }
    HttpServerRequest request = context.request();
    Buffer body = Buffer.buffer();
    boolean[] tooLarge = {false};
    request.handler(
        chunk -> {
          if (!tooLarge[0] && body.length() + chunk.length() > maxBytes) {
            tooLarge[0] = true;
            context.fail(413);
          } else if (!tooLarge[0]) {
            body.appendBuffer(chunk);
          }
        });
    request.endHandler(
        done -> {
          if (tooLarge[0]) {
            return;
          }
          try {
            context.put(KEY, inflateIfGzip(request, body));
            context.next();
          } catch (IOException e) {
            context.fail(400, e);
          }
        });
    request.resume();
  }

  /** The request's body, inflated; empty when it had none. */
  static Buffer of(RoutingContext context) {
    Buffer body = context.get(KEY);
    return body == null ? Buffer.buffer() : body;
  }

  /** The request's {@code application/x-www-form-urlencoded} body as a map. */
  static Map<String, String> form(RoutingContext context) {
    Map<String, String> form = new LinkedHashMap<>();
    String text = of(context).toString(StandardCharsets.UTF_8);
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int at = pair.indexOf('=');
      String name = at < 0 ? pair : pair.substring(0, at);
      String value = at < 0 ? "" : pair.substring(at + 1);
      form.put(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return form;
  }

  private Buffer inflateIfGzip(HttpServerRequest request, Buffer body) throws IOException {
    if (!"gzip".equalsIgnoreCase(request.getHeader("Content-Encoding"))) {
      return body;
    }
    gzipBodies.increment();
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body.getBytes()))) {
      byte[] inflated = in.readNBytes((int) maxBytes + 1);
      if (inflated.length > maxBytes) {
        throw new IOException("inflated body larger than " + maxBytes + " bytes");
      }
      return Buffer.buffer(inflated);
    }
  }
}
