package io.signet.render.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The style sanitiser reads CSS as a browser does: escapes and comments cannot hide a keyword. */
class SignaturePolicyTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "background: url(https://t.example/p.png)",
        "background: URL ( https://t.example/p.png )",
        "background: \\75 rl(https://t.example/p.png)",
        "background: \\75rl(https://t.example/p.png)",
        "background: \\000075rl(https://t.example/p.png)",
        "background: \\000075 rl(https://t.example/p.png)",
        "background: \\55 RL(https://t.example/p.png)",
        "background: \\75\trl(https://t.example/p.png)",
        "background: \\75\r\nrl(https://t.example/p.png)",
        "background: u\\rl(https://t.example/p.png)",
        "background: u\\r\\l(https://t.example/p.png)",
        "background: u\\\nrl(https://t.example/p.png)",
        "background: ur/**/l(https://t.example/p.png)",
        "background: u/* a comment */rl(https://t.example/p.png)",
        "width: expression(alert(1))",
        "width: expr\\65 ssion(alert(1))",
        "width: expr\\000065ssion(alert(1))",
        "width: expr/**/ession(alert(1))",
        "width: \\65\\78\\70\\72\\65\\73\\73\\69\\6f\\6e(alert(1))",
        "background-image: image-set(\"https://t.example/p.png\" 1x)",
        "background-image: -webkit-image-set(\"https://t.example/p.png\" 1x)",
        "background-image: image(\"https://t.example/p.png\")",
        "behavior: url(x.htc)",
        "beh\\61vior: x",
        "-moz-binding: x",
        "-moz-b\\69nding: x",
        "x: java\\73 cript:alert(1)",
        "@import 'x.css'",
        "@\\69mport 'x.css'"
      })
  void aStyleThatLoadsOrRunsSomethingIsUnsafeHoweverWritten(String style) {
    assertThat(SignaturePolicy.unsafe(style)).isTrue();
    assertThat(SignaturePolicy.sanitise("<p style=\"" + attr(style) + "\">x</p>"))
        .isEqualTo("<p>x</p>");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "color: red",
        "font-family: \"Segoe UI\", Arial",
        "background-image: none",
        "content: '\\201C'",
        "color: #c00; font-weight: bold",
        "border: 1px solid /* thin */ #ccc"
      })
  void ordinaryStylesAreKept(String style) {
    assertThat(SignaturePolicy.unsafe(style)).isFalse();
  }

  @Test
  void onlyTheUnsafeDeclarationGoes() {
    assertThat(
            SignaturePolicy.sanitise(
                "<p style=\"color: red; background: \\75 rl(https://t.example/p.png); font-weight: bold\">x</p>"))
        .isEqualTo("<p style=\"color: red; font-weight: bold\">x</p>");
  }

  @Test
  void anEscapeThatSpansTwoDeclarationsDropsTheWholeStyle() {
    // each half is harmless alone; joined again, the comment between them makes "url("
    assertThat(SignaturePolicy.sanitise("<p style=\"a: ur/*; b: */l(x)\">x</p>"))
        .isEqualTo("<p>x</p>");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "\\75 rl|url",
        "\\75  rl|u rl",
        "\\0075rl|url",
        "\\110000|\uFFFD",
        "\\0|\uFFFD",
        "\\d800|\uFFFD",
        "\\1F600 !|\uD83D\uDE00!",
        "a\\|a",
        "a/* unterminated|a",
        "\\;|;"
      })
  void escapesDecodeAsCssSays(String css, String decoded) {
    assertThat(CssText.decode(css)).isEqualTo(decoded);
  }

  private static String attr(String style) {
    return style.replace("&", "&amp;").replace("\"", "&quot;");
  }
}
