package io.signet.render.service;

import io.signet.events.DirectoryUser;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The sample user a template is previewed with when no real user is named, and checked with at
 * save.
 */
public final class SampleUser {

  /** The sample user's id, which no Google user id looks like. */
  public static final String ID = "sample";

  private SampleUser() {}

  public static DirectoryUser of(String tenantId) {
    return new DirectoryUser(
        "sample",
        Instant.now(),
        DirectoryUser.SCHEMA_VERSION,
        tenantId,
        ID,
        "jane.doe@example.com",
        List.of("jane@example.com"),
        new DirectoryUser.PersonName("Jane", "Doe", "Jane Doe", null),
        "Head of Engineering",
        "Engineering",
        List.of(
            new DirectoryUser.Phone("work", "+1 650 253 0000", true),
            new DirectoryUser.Phone("mobile", "+1 650 555 0100", false)),
        List.of(
            new DirectoryUser.PostalAddress(
                "work",
                "1600 Amphitheatre Parkway, Mountain View, CA 94043",
                null,
                null,
                null,
                null,
                "US",
                true)),
        "/Engineering",
        List.of("engineering@example.com"),
        Map.of(),
        false,
        false,
        null,
        "sample");
  }
}
