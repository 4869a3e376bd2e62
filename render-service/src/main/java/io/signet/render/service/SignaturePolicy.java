package io.signet.render.service;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Safelist;

/**
 * What Gmail keeps of a signature, as an allowlist: formatting tags, inline styles without URLs or
 * expressions, links to http(s), mailto and tel, images from https URLs only (no {@code data:} or
 * base64 images), the {@code dir} attribute. Scripts, event handlers, forms, frames and {@code
 * javascript:} URLs are removed, never shown as text. The output escapes only what HTML needs
 * ({@code < > & "}), so its length is what Gmail counts.
 */
public final class SignaturePolicy {

  private static final Pattern DIR = Pattern.compile("^(ltr|rtl|auto)$");

  /** What a style may not do, looked for in its decoded text ({@link CssText}). */
  private static final Pattern UNSAFE_STYLE =
      Pattern.compile(
          "url\\s*\\(|expression\\s*\\(|image(-set)?\\s*\\(|javascript\\s*:|behavior\\s*:"
              + "|-moz-binding|@import",
          Pattern.CASE_INSENSITIVE);

  private static final Safelist GMAIL =
      new Safelist()
          .addTags(
              "a",
              "b",
              "strong",
              "i",
              "em",
              "u",
              "s",
              "strike",
              "br",
              "div",
              "span",
              "p",
              "font",
              "img",
              "table",
              "thead",
              "tbody",
              "tfoot",
              "tr",
              "td",
              "th",
              "ul",
              "ol",
              "li",
              "h1",
              "h2",
              "h3",
              "h4",
              "h5",
              "h6",
              "blockquote",
              "hr",
              "sub",
              "sup",
              "small",
              "big",
              "center")
          .addAttributes(":all", "style", "dir", "align", "title")
          .addAttributes("a", "href", "target")
          .addAttributes("font", "color", "face", "size")
          .addAttributes("img", "src", "alt", "width", "height", "border")
          .addAttributes(
              "table", "width", "height", "cellpadding", "cellspacing", "border", "bgcolor")
          .addAttributes("td", "width", "height", "valign", "colspan", "rowspan", "bgcolor")
          .addAttributes("th", "width", "height", "valign", "colspan", "rowspan", "bgcolor")
          .addAttributes("tr", "valign", "bgcolor")
          .addProtocols("a", "href", "http", "https", "mailto", "tel")
          .addProtocols("img", "src", "https");

  private SignaturePolicy() {}

  /** Whether a style (or a declaration of one) loads or runs something, escapes decoded. */
  static boolean unsafe(String style) {
    return UNSAFE_STYLE.matcher(CssText.decode(style)).find();
  }

  /** Unsafe elements whose content goes with them; others are unwrapped, their text kept. */
  private static final java.util.Set<String> DROPPED_WHOLE =
      java.util.Set.of(
          "script",
          "style",
          "iframe",
          "frame",
          "frameset",
          "object",
          "embed",
          "applet",
          "noscript",
          "template",
          "head",
          "title",
          "svg",
          "math",
          "select",
          "textarea",
          "button");

  public static String sanitise(String html) {
    if (html == null || html.isEmpty()) {
      return "";
    }
    Document document = Jsoup.parseBodyFragment(html);
    clean(document.body());
    document
        .outputSettings()
        .prettyPrint(false)
        .charset("UTF-8")
        .escapeMode(org.jsoup.nodes.Entities.EscapeMode.base);
    return document.body().html();
  }

  /**
   * Filters a parsed tree in place with the {@link Safelist}'s own checks (tags, attributes, URL
   * protocols): cheaper than copying it into a second document as jsoup's Cleaner does.
   */
  private static void clean(Element parent) {
    for (org.jsoup.nodes.Node node : new java.util.ArrayList<>(parent.childNodes())) {
      if (node instanceof Element element) {
        String tag = element.normalName();
        if (GMAIL.isSafeTag(tag)) {
          cleanAttributes(tag, element);
          clean(element);
        } else if (DROPPED_WHOLE.contains(tag)) {
          element.remove();
        } else {
          clean(element);
          element.unwrap();
        }
      } else if (!(node instanceof org.jsoup.nodes.TextNode)) {
        node.remove(); // comments, data of scripts and styles, doctypes
      }
    }
  }

  private static void cleanAttributes(String tag, Element element) {
    for (org.jsoup.nodes.Attribute attribute :
        new java.util.ArrayList<>(element.attributes().asList())) {
      if (!GMAIL.isSafeAttribute(tag, element, attribute)) {
        element.removeAttr(attribute.getKey());
      }
    }
    if (element.hasAttr("dir")
        && !DIR.matcher(element.attr("dir").toLowerCase(Locale.ROOT)).matches()) {
      element.removeAttr("dir");
    }
    if (element.hasAttr("style") && unsafe(element.attr("style"))) {
      String style =
          Arrays.stream(element.attr("style").split(";"))
              .filter(declaration -> !unsafe(declaration))
              .map(String::strip)
              .filter(declaration -> !declaration.isEmpty())
              .collect(Collectors.joining("; "));
      // the declarations kept are checked again together: an escape or a comment may span two
      if (style.isEmpty() || unsafe(style)) {
        element.removeAttr("style");
      } else {
        element.attr("style", style);
      }
    }
  }
}
