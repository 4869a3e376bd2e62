package io.signet.render.service;

/**
 * CSS as a browser reads it, for checking what a style does: comments removed (they split keywords,
 * {@code expr/**}{@code /ession(}), escapes decoded ({@code \75 rl(} is {@code url(}: one to six
 * hex digits and one optional white space after them, an escaped newline is nothing, any other
 * escaped character is itself). The result is only looked at, never output.
 */
final class CssText {

  private static final int REPLACEMENT = 0xFFFD;

  private CssText() {}

  static String decode(String css) {
    if (css.indexOf('\\') < 0 && !css.contains("/*")) {
      return css; // nothing to decode: most styles, and every render checks them
    }
    StringBuilder out = new StringBuilder(css.length());
    int i = 0;
    int length = css.length();
    while (i < length) {
      char c = css.charAt(i);
      if (c == '/' && i + 1 < length && css.charAt(i + 1) == '*') {
        int end = css.indexOf("*/", i + 2);
        i = end < 0 ? length : end + 2;
      } else if (c == '\\') {
        i = escape(css, i + 1, out);
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /** Decodes the escape after a backslash at {@code start}; returns where the text goes on. */
  private static int escape(String css, int start, StringBuilder out) {
    int length = css.length();
    if (start >= length) {
      return start; // a backslash at the end stands for nothing
    }
    char c = css.charAt(start);
    if (c == '\n' || c == '\f') {
      return start + 1;
    }
    if (c == '\r') {
      return start + 1 < length && css.charAt(start + 1) == '\n' ? start + 2 : start + 1;
    }
    int end = start;
    while (end < length && end - start < 6 && Character.digit(css.charAt(end), 16) >= 0) {
      end++;
    }
    if (end == start) {
      out.append(c);
      return start + 1;
    }
    int code = Integer.parseInt(css, start, end, 16);
    if (code == 0 || code > Character.MAX_CODE_POINT || (code >= 0xD800 && code <= 0xDFFF)) {
      code = REPLACEMENT;
    }
    out.appendCodePoint(code);
    if (end < length) {
      char after = css.charAt(end);
      if (after == '\r' && end + 1 < length && css.charAt(end + 1) == '\n') {
        return end + 2;
      }
      if (after == ' ' || after == '\t' || after == '\n' || after == '\r' || after == '\f') {
        return end + 1;
      }
    }
    return end;
  }
}
