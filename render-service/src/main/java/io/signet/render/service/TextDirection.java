package io.signet.render.service;

/** Whether text is written right to left (Arabic, Hebrew, Syriac, Thaana, N'Ko …). */
public final class TextDirection {

  private TextDirection() {}

  public static boolean isRightToLeft(String text) {
    if (text == null) {
      return false;
    }
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      byte direction = Character.getDirectionality(codePoint);
      if (direction == Character.DIRECTIONALITY_RIGHT_TO_LEFT
          || direction == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC) {
        return true;
      }
      i += Character.charCount(codePoint);
    }
    return false;
  }
}
