package io.signet.render.service;

import io.signet.events.DirectoryUser;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Directory users for renderer tests. */
final class Users {

  private Users() {}

  static DirectoryUser user(
      String given, String family, String title, List<DirectoryUser.Phone> phones) {
    return new DirectoryUser(
        "e",
        Instant.EPOCH,
        DirectoryUser.SCHEMA_VERSION,
        "acme",
        "1001",
        "jane.doe@acme.example",
        List.of("jane@acme.example"),
        new DirectoryUser.PersonName(given, family, given + " " + family, null),
        title,
        "Engineering",
        phones,
        List.of(),
        "/Engineering/Platform",
        List.of("eng@acme.example"),
        Map.of(),
        false,
        false,
        null,
        "h");
  }

  static DirectoryUser jane() {
    return user(
        "Jane",
        "Doe",
        "Head of Engineering",
        List.of(
            new DirectoryUser.Phone("work", "044 668 18 00", true),
            new DirectoryUser.Phone("mobile", "+41791234567", false)));
  }
}
