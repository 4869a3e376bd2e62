package io.signet.emulator.seed;

import io.signet.emulator.state.UserSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * Generates realistic directory users deterministically from a seed: names in Latin, Arabic,
 * Hebrew, Cyrillic, Greek, Chinese, Japanese and Devanagari scripts, titles, departments, org
 * units, phones and addresses — with some users lacking a phone or title, some with aliases, some
 * suspended and some without Gmail.
 */
public final class UserGenerator {

  /**
   * One name in its script, with the Latin transliteration used for the address.
   *
   * @param latinGiven transliteration of the given name
   */
  private record Name(String given, String family, String latinGiven, String latinFamily) {}

  private static final List<Name> NAMES =
      List.of(
          new Name("Jane", "Doe", "jane", "doe"),
          new Name("Liam", "O'Brien", "liam", "obrien"),
          new Name("Sofía", "García", "sofia", "garcia"),
          new Name("Jürgen", "Müller", "juergen", "mueller"),
          new Name("Amélie", "Dubois", "amelie", "dubois"),
          new Name("Chidi", "Okafor", "chidi", "okafor"),
          new Name("Ana", "Silva", "ana", "silva"),
          new Name("ليلى", "حداد", "layla", "haddad"),
          new Name("عمر", "الفاسي", "omar", "alfasi"),
          new Name("فاطمة", "الزهراء", "fatima", "alzahra"),
          new Name("נועה", "כהן", "noa", "cohen"),
          new Name("יוסף", "לוי", "yosef", "levi"),
          new Name("Анна", "Иванова", "anna", "ivanova"),
          new Name("Дмитрий", "Смирнов", "dmitry", "smirnov"),
          new Name("Ελένη", "Παπαδοπούλου", "eleni", "papadopoulou"),
          new Name("伟", "王", "wei", "wang"),
          new Name("秀英", "李", "xiuying", "li"),
          new Name("陽翔", "佐藤", "haruto", "sato"),
          new Name("さくら", "鈴木", "sakura", "suzuki"),
          new Name("अर्जुन", "शर्मा", "arjun", "sharma"),
          new Name("प्रिया", "पटेल", "priya", "patel"),
          new Name("Mateusz", "Wiśniewski", "mateusz", "wisniewski"),
          new Name("Ngọc", "Nguyễn", "ngoc", "nguyen"),
          new Name("Aroha", "Ngata", "aroha", "ngata"));

  private static final Map<String, List<String>> TITLES_BY_DEPARTMENT =
      Map.of(
          "Engineering", List.of("Software Engineer", "Staff Engineer", "Head of Engineering"),
          "Sales", List.of("Account Executive", "Sales Manager", "مديرة المبيعات"),
          "Marketing", List.of("Content Strategist", "Head of Marketing"),
          "Finance", List.of("Controller", "Financial Analyst"),
          "Support", List.of("Support Specialist", "מנהלת תמיכה", "Team Lead, Support"),
          "People", List.of("People Partner", "Recruiter"));

  private static final List<String> DEPARTMENTS = List.copyOf(TITLES_BY_DEPARTMENT.keySet());

  private UserGenerator() {}

  /**
   * {@code count} users in {@code domain}.
   *
   * @param seed the same seed gives the same users
   */
  public static List<UserSpec> generate(String domain, int count, long seed) {
    return generate(domain, count, seed, address -> false);
  }

  /** {@code count} users in {@code domain} whose addresses avoid those already {@code taken}. */
  public static List<UserSpec> generate(
      String domain, int count, long seed, Predicate<String> taken) {
    SplittableRandom random = new SplittableRandom(seed);
    List<UserSpec> users = new ArrayList<>(count);
    Set<String> used = new HashSet<>();
    Set<String> generated = new HashSet<>();
    for (int i = 0; i < count; i++) {
      Name name = NAMES.get(random.nextInt(NAMES.size()));
      String local = name.latinGiven() + "." + name.latinFamily();
      String email =
          used.add(local) && !taken.test(local + "@" + domain)
              ? local + "@" + domain
              : local + i + "@" + domain;
      // a second generation into the same domain meets its own numbered addresses: number on
      // (drawn without the random source, so a first generation stays as it was)
      for (int n = 2; taken.test(email) || !generated.add(email); n++) {
        email = local + i + "." + n + "@" + domain;
      }
      String department = DEPARTMENTS.get(random.nextInt(DEPARTMENTS.size()));
      List<String> titles = TITLES_BY_DEPARTMENT.get(department);
      boolean noTitle = random.nextInt(10) == 0;
      boolean noPhone = random.nextInt(5) == 0;
      List<UserSpec.Phone> phones =
          noPhone
              ? List.of()
              : random.nextBoolean()
                  ? List.of(new UserSpec.Phone(phone(random), "work", true))
                  : List.of(
                      new UserSpec.Phone(phone(random), "work", true),
                      new UserSpec.Phone(mobile(random), "mobile", false));
      String alias = name.latinGiven() + i + "@" + domain;
      List<String> aliases =
          random.nextInt(10) == 0 && !taken.test(alias) ? List.of(alias) : List.of();
      // half the users with an alias set it up as a "Send mail as" address (drawn without the
      // random source, so the rest of the generated directory stays as it was)
      List<String> sendAs = i % 2 == 0 ? aliases : List.of();
      users.add(
          new UserSpec(
              email,
              name.given(),
              name.family(),
              noTitle ? null : titles.get(random.nextInt(titles.size())),
              department,
              phones,
              List.of(
                  new UserSpec.Address(
                      "work",
                      "Bahnhofstrasse 1, 8001 Zürich, Switzerland",
                      null,
                      "Zürich",
                      null,
                      "8001",
                      "CH",
                      true)),
              "/" + department,
              aliases,
              random.nextInt(50) == 0,
              false,
              random.nextInt(50) != 0,
              null,
              null,
              null,
              sendAs));
    }
    return users;
  }

  private static String phone(SplittableRandom random) {
    return "+41 44 "
        + (100 + random.nextInt(900))
        + " "
        + (10 + random.nextInt(90))
        + " "
        + (10 + random.nextInt(90));
  }

  private static String mobile(SplittableRandom random) {
    return "+41 79 "
        + (100 + random.nextInt(900))
        + " "
        + (10 + random.nextInt(90))
        + " "
        + (10 + random.nextInt(90));
  }
}
