package io.signet.system;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Hostile JSON bodies generated from an operation's request schema in its service's OpenAPI
 * document: for every field (nested objects and array items included, to a depth of three) the
 * values a careless or hostile client sends for its type, plus a duplicate key and deep nesting.
 *
 * <p>No generated body may be valid, or the sweep would change a database. Values every field must
 * refuse (control characters, numbers that overflow or are no number, the wrong JSON type) are sent
 * alone — the other fields absent — so they reach the service's own checks; values a field might
 * accept (a long string, unusual but legal unicode, a huge array) are followed by an unknown field,
 * which Jackson refuses only after it has read the value. Deterministic: the same document always
 * gives the same bodies, in the same order.
 */
final class HostileBodies {

  /** Refused in every string field: NUL, C0 and C1 controls, DEL, a lone surrogate. */
  static final List<String> REFUSED_STRINGS =
      List.of(
          "\"\\u0000\"",
          "\"a\\u0000b\"",
          "\"\\u0001\"",
          "\"\\u001b[2J\"",
          "\"x\\u007f\"",
          "\"\\u0085\"",
          "\"\\ud800\"",
          "\"\\udc00x\"");

  /** Legal JSON strings a field may accept: each is followed by an unknown field. */
  static final List<String> ODD_STRINGS =
      List.of(
          "\"" + "x".repeat(100_000) + "\"",
          "\"\\u202egnp.exe\"",
          "\"\\ufeff\\u200b\\u200d\"",
          "\"\\ud83d\\ude00 \\uff34\\uff45\\uff4e\\uff41\\uff4e\\uff54\"",
          "\"e\\u0301\\u0301\\u0301\"",
          "\"\\ufffe\\uffff\"",
          "\"\"",
          "\"   \"");

  /** Numbers that overflow, are no number, or are no integer: refused by every number field. */
  static final List<String> HOSTILE_NUMBERS =
      List.of(
          "9223372036854775807",
          "-9223372036854775808",
          "99999999999999999999",
          "2147483648",
          "-1",
          "1e309",
          "-1e309",
          "1.5",
          "\"NaN\"",
          "\"Infinity\"");

  /** What no boolean field reads as a boolean. */
  static final List<String> HOSTILE_BOOLEANS = List.of("-1", "1e309", "\"yes\"", "\"\\u0000\"");

  /** The wrong JSON type for any scalar field. */
  static final List<String> WRONG_SHAPES = List.of("{}", "[[]]");

  private static final int MAX_DEPTH = 3;
  private static final String UNKNOWN = "\"unknownField\":1";

  private final JsonNode openapi;

  HostileBodies(JsonNode openapi) {
    this.openapi = openapi;
  }

  /** The hostile bodies for one operation; none when it takes no JSON body. */
  List<String> bodies(JsonNode operation) {
    JsonNode schema = resolve(operation.at("/requestBody/content/application~1json/schema"));
    List<String> bodies = new ArrayList<>();
    if (schema.isMissingNode()) {
      return bodies;
    }
    boolean array = "array".equals(type(schema));
    JsonNode element = array ? resolve(schema.path("items")) : schema;
    List<String> objects = new ArrayList<>();
    fields(element, 0, objects);
    for (String object : objects) {
      bodies.add(array ? "[" + object + "]" : object);
    }
    if (array) {
      // a huge array of elements that are never valid, and a deep one
      bodies.add("[" + ("{" + UNKNOWN + "},").repeat(20_000) + "{" + UNKNOWN + "}]");
      bodies.add("[".repeat(200) + "]".repeat(200));
    }
    return bodies;
  }

  /** Hostile objects for {@code schema}'s fields, each as the text of one JSON object. */
  private void fields(JsonNode schema, int depth, List<String> out) {
    Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
    boolean first = true;
    while (properties.hasNext()) {
      Map.Entry<String, JsonNode> property = properties.next();
      String key = quote(property.getKey());
      JsonNode field = resolve(property.getValue());
      for (String value : refused(field, depth)) {
        out.add("{" + key + ":" + value + "}");
      }
      for (String value : odd(field)) {
        out.add("{" + key + ":" + value + "," + UNKNOWN + "}");
      }
      if (first) {
        // the first field twice, and nested deeper than any parser allows
        String sample = sample(field);
        out.add("{" + key + ":" + sample + "," + key + ":" + sample + "}");
        out.add("{" + key + ":" + "[".repeat(100) + "]".repeat(100) + "}");
        first = false;
      }
    }
  }

  /** Values {@code field} must refuse even when they come alone. */
  private List<String> refused(JsonNode field, int depth) {
    List<String> values = new ArrayList<>();
    switch (type(field)) {
      case "string" -> {
        values.addAll(REFUSED_STRINGS);
        values.addAll(List.of("1e309", "true"));
        values.addAll(WRONG_SHAPES);
      }
      case "integer", "number" -> {
        values.addAll(HOSTILE_NUMBERS);
        values.addAll(WRONG_SHAPES);
      }
      case "boolean" -> values.addAll(HOSTILE_BOOLEANS);
      case "array" -> {
        JsonNode items = resolve(field.path("items"));
        if ("string".equals(type(items))) {
          for (String hostile : REFUSED_STRINGS) {
            values.add("[\"ok\"," + hostile + "]");
          }
        } else if ("object".equals(type(items)) && depth < MAX_DEPTH) {
          List<String> nested = new ArrayList<>();
          fields(items, depth + 1, nested);
          nested.forEach(object -> values.add("[" + object + "]"));
        }
        values.add("\"not an array\"");
      }
      case "object" -> {
        if (depth < MAX_DEPTH && field.has("properties")) {
          fields(field, depth + 1, values);
        }
        values.add("[1]");
      }
      default -> {
        // a free-form value (a key JSON, say): only strings every field refuses
        values.add(REFUSED_STRINGS.get(0));
      }
    }
    return values;
  }

  /** Values {@code field} may accept: sent with an unknown field after them. */
  private List<String> odd(JsonNode field) {
    return switch (type(field)) {
      case "string" -> ODD_STRINGS;
      case "array" -> List.of("[" + "\"x\",".repeat(20_000) + "\"x\"]", "[]");
      case "object" -> List.of("{}");
      default -> List.of();
    };
  }

  private static String sample(JsonNode field) {
    return switch (type(field)) {
      case "string" -> "\"x\"";
      case "integer", "number" -> "60";
      case "boolean" -> "false";
      case "array" -> "[]";
      default -> "{}";
    };
  }

  /** The schema's type; OpenAPI 3.1 may give a list such as ["string", "null"]. */
  private static String type(JsonNode schema) {
    JsonNode type = schema.path("type");
    if (type.isArray()) {
      for (JsonNode name : type) {
        if (!"null".equals(name.asText())) {
          return name.asText();
        }
      }
    }
    if (type.isTextual()) {
      return type.asText();
    }
    return schema.has("properties") ? "object" : "";
  }

  /** Follows a {@code $ref} to its schema in the document's components (and allOf of one). */
  private JsonNode resolve(JsonNode schema) {
    JsonNode current = schema;
    for (int hops = 0; hops < 5; hops++) {
      if (current.has("$ref")) {
        current = openapi.at(current.get("$ref").asText().substring(1));
      } else if (current.path("allOf").size() == 1) {
        current = current.get("allOf").get(0);
      } else {
        break;
      }
    }
    return current;
  }

  private static String quote(String name) {
    return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
