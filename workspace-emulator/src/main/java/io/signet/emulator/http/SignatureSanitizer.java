package io.signet.emulator.http;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * Normalises signature HTML the way Gmail stores it: an allowlist of formatting tags and
 * attributes; no scripts, event handlers, forms or frames; links only to http(s), mailto and tel;
 * images only from http(s) URLs (base64 images are dropped). The stored HTML is re-serialised, so
 * reading it back is not byte-identical to what was sent.
 */
final class SignatureSanitizer {

  private static final String[] TAGS = {
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
    "center",
    "pre",
    "code"
  };

  private static final Safelist GMAIL =
      new Safelist()
          .addTags(TAGS)
          .addAttributes(":all", "style", "dir", "align", "title", "class")
          .addAttributes("a", "href", "name", "target")
          .addAttributes("font", "color", "face", "size")
          .addAttributes("img", "src", "alt", "width", "height", "border")
          .addAttributes(
              "table", "width", "height", "cellpadding", "cellspacing", "border", "bgcolor")
          .addAttributes("td", "width", "height", "valign", "colspan", "rowspan", "bgcolor")
          .addAttributes("th", "width", "height", "valign", "colspan", "rowspan", "bgcolor")
          .addAttributes("tr", "valign", "bgcolor")
          .addProtocols("a", "href", "http", "https", "mailto", "tel")
          .addProtocols("img", "src", "http", "https");

  private static final Cleaner CLEANER = new Cleaner(GMAIL);

  private SignatureSanitizer() {}

  static String sanitise(String html) {
    if (html == null || html.isEmpty()) {
      return "";
    }
    Document dirty = Jsoup.parseBodyFragment(html);
    Document clean = CLEANER.clean(dirty);
    clean.outputSettings().prettyPrint(false);
    return clean.body().html();
  }
}
