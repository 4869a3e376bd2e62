package io.signet.support;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.signet.support.json.UnsafeTextException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error as RFC 9457 {@code application/problem+json}, with a stable type per cause. */
public class ProblemMappers {

  public static final String PROBLEM_JSON = "application/problem+json";
  private static final String TYPE_BASE = "https://signet.io/problems/";
  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

  @ServerExceptionMapper
  public Response problem(Problem problem, UriInfo uri) {
    Response response =
        respond(
            problem.status(),
            problem.type(),
            problem.title(),
            problem.getMessage(),
            problem.field(),
            uri);
    return problem.retryAfterSeconds() > 0
        ? Response.fromResponse(response).header("Retry-After", problem.retryAfterSeconds()).build()
        : response;
  }

  /**
   * Every way Jackson refuses a body, mapped here once: the field at fault where Jackson knows it.
   * The framework sometimes hands these over wrapped in a WebApplicationException ({@link
   * #framework}).
   */
  @ServerExceptionMapper
  public Response json(JsonProcessingException thrown, UriInfo uri) {
    JsonProcessingException e = thrown;
    String wrappedAt = null;
    // a parser's refusal inside a bean arrives wrapped, with the path to it
    if (thrown instanceof JsonMappingException wrapper
        && !(thrown instanceof MismatchedInputException)
        && thrown.getCause() instanceof JsonProcessingException cause) {
      e = cause;
      wrappedAt = wrapper.getPath().isEmpty() ? null : path(wrapper);
    }
    if (e instanceof UnsafeTextException unsafe) {
      return invalid(
          "field '" + path(unsafe) + "' " + unsafe.getOriginalMessage(), path(unsafe), uri);
    }
    if (e instanceof UnrecognizedPropertyException unknown) {
      return invalid("unknown field '" + unknown.getPropertyName() + "'", path(unknown), uri);
    }
    if (e instanceof InvalidFormatException format) {
      return invalid(
          "field '" + path(format) + "' must be a " + format.getTargetType().getSimpleName(),
          path(format),
          uri);
    }
    if (e instanceof MismatchedInputException mismatched) {
      return invalid(
          "field '" + path(mismatched) + "' has the wrong type or shape", path(mismatched), uri);
    }
    if (e instanceof InputCoercionException coercion) {
      String field = wrappedAt != null ? wrappedAt : currentField(coercion);
      return invalid(
          "field '" + field + "' is out of range for a " + coercion.getTargetType().getSimpleName(),
          field,
          uri);
    }
    if (e instanceof StreamConstraintsException limits) {
      return respond(
          400,
          "json-too-complex",
          "JSON too complex",
          "the body exceeds a JSON limit: " + limits.getOriginalMessage(),
          wrappedAt,
          uri);
    }
    return respond(
        400,
        "malformed-json",
        "Malformed JSON",
        "the body is not valid JSON: " + e.getOriginalMessage(),
        null,
        uri);
  }

  /** Quarkus REST has its own mapper for these, which answers plain JSON: this one wins. */
  @ServerExceptionMapper
  public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
    return json(e, uri);
  }

  @ServerExceptionMapper
  public Response unauthenticated(AuthenticationFailedException e, UriInfo uri) {
    return respond(
        401,
        "unauthorized",
        "Unauthorized",
        "the access token is missing, invalid or expired",
        null,
        uri);
  }

  @ServerExceptionMapper
  public Response unauthorized(UnauthorizedException e, UriInfo uri) {
    return respond(
        401,
        "unauthorized",
        "Unauthorized",
        "an access token is required: exchange an API key at POST /api/v1/auth/token",
        null,
        uri);
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e, UriInfo uri) {
    return respond(403, "forbidden", "Forbidden", "this credential may not do that", null, uri);
  }

  @ServerExceptionMapper
  public Response notFound(NotFoundException e, UriInfo uri) {
    return respond(404, "not-found", "Not found", "no such resource: " + uri.getPath(), null, uri);
  }

  @ServerExceptionMapper
  public Response notAllowed(NotAllowedException e, UriInfo uri) {
    return respond(405, "method-not-allowed", "Method not allowed", e.getMessage(), null, uri);
  }

  @ServerExceptionMapper
  public Response notSupported(NotSupportedException e, UriInfo uri) {
    return respond(
        415,
        "unsupported-media-type",
        "Unsupported media type",
        "send application/json",
        null,
        uri);
  }

  /** The framework's own refusals, e.g. a body that is not JSON at all. */
  @ServerExceptionMapper
  public Response framework(WebApplicationException e, UriInfo uri) {
    int status = e.getResponse().getStatus();
    if (e.getCause() instanceof JsonProcessingException cause) {
      return json(cause, uri);
    }
    if (status == 400) {
      return respond(
          400, "malformed-json", "Malformed JSON", "the body is not valid JSON", null, uri);
    }
    return respond(
        status,
        "http-" + status,
        e.getResponse().getStatusInfo().getReasonPhrase(),
        e.getMessage(),
        null,
        uri);
  }

  @ServerExceptionMapper
  public Response unexpected(RuntimeException e, UriInfo uri) {
    LOG.error("unexpected failure on " + uri.getPath(), e);
    return respond(
        500, "internal-error", "Internal error", "an unexpected error occurred", null, uri);
  }

  static Response respond(
      int status, String type, String title, String detail, String field, UriInfo uri) {
    Map<String, Object> body =
        body(status, type, title, detail, field, uri == null ? null : uri.getPath());
    Response.ResponseBuilder response = Response.status(status).type(PROBLEM_JSON).entity(body);
    if (status == 401) {
      response.header("WWW-Authenticate", "Bearer");
    }
    return response.build();
  }

  /**
   * The problem details object, for servers outside JAX-RS (tenant-service's token broker port).
   *
   * @param instance the request path, or null
   */
  public static Map<String, Object> body(
      int status, String type, String title, String detail, String field, String instance) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", TYPE_BASE + type);
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    if (field != null) {
      body.put("field", field);
    }
    if (instance != null) {
      body.put("instance", instance);
    }
    return body;
  }

  /** See {@link #body(int, String, String, String, String, String)}. */
  public static Map<String, Object> body(Problem problem, String instance) {
    return body(
        problem.status(),
        problem.type(),
        problem.title(),
        problem.getMessage(),
        problem.field(),
        instance);
  }

  private static Response invalid(String detail, String field, UriInfo uri) {
    return respond(400, "invalid-request", "Invalid request", detail, field, uri);
  }

  /** The field a number was read for: the parser is still on it. */
  private static String currentField(InputCoercionException e) {
    try {
      JsonParser parser = e.getProcessor();
      return parser == null ? null : parser.getParsingContext().getCurrentName();
    } catch (RuntimeException unknown) {
      return null;
    }
  }

  private static String path(JsonMappingException e) {
    String path =
        e.getPath().stream()
            .map(
                ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
            .collect(Collectors.joining("."));
    return path.replace(".[", "[");
  }
}
