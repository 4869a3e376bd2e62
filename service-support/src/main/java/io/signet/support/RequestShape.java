package io.signet.support;

import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * What every API refuses before a resource sees it: control characters in the path or the query
 * (PostgreSQL cannot even compare a text with a NUL in it), and a body that is not declared as
 * JSON, or not declared at all (a record with a single text field would otherwise be built from any
 * text/plain body).
 */
public class RequestShape {

  @ServerRequestFilter(preMatching = true)
  public void refuseMisshapenRequests(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath(true);
    if (hasControlCharacter(path)) {
      throw Problem.invalid(null, "the request's path holds a control character");
    }
    for (Map.Entry<String, List<String>> parameter :
        request.getUriInfo().getQueryParameters(true).entrySet()) {
      if (hasControlCharacter(parameter.getKey())
          || parameter.getValue().stream().anyMatch(RequestShape::hasControlCharacter)) {
        throw Problem.invalid(parameter.getKey(), "a query parameter holds a control character");
      }
    }
    MediaType type = request.getMediaType();
    if (hasBody(request) && (type == null || !isJson(type))) {
      throw new NotSupportedException(
          "this API reads application/json, not " + (type == null ? "an undeclared body" : type));
    }
  }

  private static boolean hasBody(ContainerRequestContext request) {
    return request.getLength() > 0 || request.getHeaderString("Transfer-Encoding") != null;
  }

  private static boolean isJson(MediaType type) {
    return type.getType().equals("application")
        && (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"));
  }

  private static boolean hasControlCharacter(String text) {
    return text != null && text.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
  }
}
