package io.signet.emulator.state;

import java.util.regex.Pattern;

/** Input checks of the admin API. */
final class Validation {

  private static final Pattern EMAIL =
      Pattern.compile(
          "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@([A-Za-z0-9-]{1,63}\\.)+[A-Za-z]{2,63}$");
  private static final Pattern DOMAIN = Pattern.compile("^([a-z0-9-]{1,63}\\.)+[a-z]{2,63}$");

  private Validation() {}

  static String email(String value, String field) {
    if (value == null || !EMAIL.matcher(value).matches()) {
      throw AdminException.badRequest(field + " is not a valid email address: " + value);
    }
    return value.toLowerCase();
  }

  static String domain(String value) {
    String domain = value == null ? null : value.toLowerCase();
    if (domain == null || !DOMAIN.matcher(domain).matches()) {
      throw AdminException.badRequest("not a valid domain name: " + value);
    }
    return domain;
  }

  static String text(String value, String field, int maxLength) {
    if (value != null && value.length() > maxLength) {
      throw AdminException.badRequest(field + " is longer than " + maxLength + " characters");
    }
    return value;
  }
}
