package io.signet.render.service;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Formats directory phone numbers the international way, read in the tenant's region. */
public final class PhoneFormatter {

  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
  private static final int CACHE_LIMIT = 200_000;

  /** Formatted numbers by region and value: a tenant re-rendered formats each number once. */
  private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

  private PhoneFormatter() {}

  /**
   * @param region ISO 3166 region a number without country code belongs to, e.g. {@code CH}
   * @return e.g. {@code +41 44 668 18 00}, or the value as entered when it is not a number
   */
  public static String format(String value, String region) {
    String key = region + "|" + value;
    String cached = CACHE.get(key);
    if (cached != null) {
      return cached;
    }
    String formatted = parseAndFormat(value, region);
    if (CACHE.size() >= CACHE_LIMIT) {
      CACHE.clear();
    }
    CACHE.put(key, formatted);
    return formatted;
  }

  private static String parseAndFormat(String value, String region) {
    try {
      var number = PHONES.parse(value, region);
      return PHONES.isPossibleNumber(number)
          ? PHONES.format(number, PhoneNumberFormat.INTERNATIONAL)
          : value.strip();
    } catch (NumberParseException e) {
      return value.strip();
    }
  }
}
