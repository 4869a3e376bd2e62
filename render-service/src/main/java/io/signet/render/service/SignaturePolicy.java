package io.signet.render.service;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;
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
  private static final Pattern UNSAFE_STYLE =
      Pattern.compile(
          "url\\s*\\(|expression\\s*\\(|javascript:|behavior\\s*:|@import",
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

  private static final Cleaner CLEANER = new Cleaner(GMAIL);

  private SignaturePolicy() {}

  public static String sanitise(String html) {
    if (html == null || html.isEmpty()) {
      return "";
    }
    Document clean = CLEANER.clean(Jsoup.parseBodyFragment(html));
    for (Element element : clean.body().select("[dir]")) {
      if (!DIR.matcher(element.attr("dir").toLowerCase(Locale.ROOT)).matches()) {
        element.removeAttr("dir");
      }
    }
    for (Element element : clean.body().select("[style]")) {
      String style =
          Arrays.stream(element.attr("style").split(";"))
              .filter(declaration -> !UNSAFE_STYLE.matcher(declaration).find())
              .map(String::strip)
              .filter(declaration -> !declaration.isEmpty())
              .collect(Collectors.joining("; "));
      if (style.isEmpty()) {
        element.removeAttr("style");
      } else {
        element.attr("style", style);
      }
    }
    clean
        .outputSettings()
        .prettyPrint(false)
        .charset("UTF-8")
        .escapeMode(org.jsoup.nodes.Entities.EscapeMode.base);
    return clean.body().html();
  }
}
