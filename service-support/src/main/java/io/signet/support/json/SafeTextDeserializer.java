package io.signet.support.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import java.io.IOException;

/**
 * Every string a request carries, checked as it is read, so no resource ever sees (or stores) one
 * PostgreSQL refuses or a log or a header would carry: NUL is refused everywhere; other C0 and C1
 * controls and DEL everywhere except tab, line feed and carriage return in a {@link MultiLine}
 * field; a lone UTF-16 surrogate (a JSON escape of U+D800 on its own) everywhere, having no UTF-8
 * form; and a number, boolean, array or object where a string belongs, rather than its text.
 */
public class SafeTextDeserializer extends StdScalarDeserializer<String>
    implements ContextualDeserializer {

  private final boolean multiLine;

  public SafeTextDeserializer() {
    this(false);
  }

  private SafeTextDeserializer(boolean multiLine) {
    super(String.class);
    this.multiLine = multiLine;
  }

  @Override
  public JsonDeserializer<?> createContextual(
      DeserializationContext context, BeanProperty property) {
    boolean lines = property != null && property.getAnnotation(MultiLine.class) != null;
    return lines == multiLine ? this : new SafeTextDeserializer(lines);
  }

  @Override
  public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
    if (parser.currentToken() != JsonToken.VALUE_STRING
        && parser.currentToken() != JsonToken.VALUE_NULL) {
      // a number or boolean would otherwise become its text: 1e309 a name "1e309"
      throw new UnsafeTextException(parser, "must be a string");
    }
    String text = StringDeserializer.instance.deserialize(parser, context);
    String problem = problem(text, multiLine);
    if (problem != null) {
      throw new UnsafeTextException(parser, problem);
    }
    return text;
  }

  /** What is wrong with {@code text}, or null when nothing is. */
  static String problem(String text, boolean multiLine) {
    if (text == null) {
      return null;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return "holds a lone surrogate (U+" + hex(c) + ") at position " + i;
      } else if (isControl(c) && !(multiLine && (c == '\t' || c == '\n' || c == '\r'))) {
        return "holds the control character U+"
            + hex(c)
            + " at position "
            + i
            + (multiLine || c == 0 ? "" : " (only a template or banner may span lines)");
      }
    }
    return null;
  }

  private static boolean isControl(char c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f);
  }

  private static String hex(char c) {
    return String.format("%04X", (int) c);
  }
}
