package io.signet.events;

import io.signet.events.DirectoryUser.PersonName;
import io.signet.events.DirectoryUser.Phone;
import io.signet.events.DirectoryUser.PostalAddress;
import io.signet.events.SignatureRendered.Target;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Sample instances of every event: full ones, unicode and right-to-left ones, minimal ones. */
final class SampleEvents {

  private static final Instant AT = Instant.parse("2026-11-27T10:15:30.123456Z");

  private SampleEvents() {}

  static Stream<SignetEvent> all() {
    return Stream.of(
        tenantFull(),
        tenantMinimal(),
        userFull(),
        userArabic(),
        userHebrewAndCjk(),
        userMinimal(),
        signatureRendered(),
        signatureRenderedRtl(),
        signatureRenderedNoTargets(),
        pushApplied(),
        pushFailed());
  }

  static TenantSnapshot tenantFull() {
    return new TenantSnapshot(
        "evt-t-1",
        AT,
        TenantSnapshot.SCHEMA_VERSION,
        "acme",
        "Acme Corporation — Zürich",
        List.of("acme.example", "acme-mail.example"),
        "admin@acme.example",
        TenantStatus.ACTIVE,
        true,
        3600,
        "104857600000000000001",
        true);
  }

  static TenantSnapshot tenantMinimal() {
    return new TenantSnapshot(
        "evt-t-2",
        AT,
        TenantSnapshot.SCHEMA_VERSION,
        "new-tenant",
        null,
        List.of("new.example"),
        "root@new.example",
        TenantStatus.PENDING,
        false,
        0,
        null,
        false);
  }

  static DirectoryUser userFull() {
    return new DirectoryUser(
        "evt-u-1",
        AT,
        DirectoryUser.SCHEMA_VERSION,
        "acme",
        "112233445566778899001",
        "jane.doe@acme.example",
        List.of("jane@acme.example", "j.doe@acme-mail.example"),
        new PersonName("Jane", "Doe", "Jane Doe", "Jane D."),
        "Head of Engineering",
        "Engineering",
        List.of(
            new Phone("work", "+41 44 668 18 00", true),
            new Phone("mobile", "079 123 45 67", false)),
        List.of(
            new PostalAddress(
                "work",
                "Brandschenkestrasse 110, 8002 Zürich, Switzerland",
                "Brandschenkestrasse 110",
                "Zürich",
                "ZH",
                "8002",
                "CH",
                true)),
        "/Engineering/Platform",
        List.of("engineering@acme.example", "all@acme.example"),
        Map.of("Employment", Map.of("costCenter", "CC-42", "startYear", 2019, "remote", true)),
        false,
        false,
        "https://photos.acme.example/jane.png",
        "sha256:5d41402abc4b2a76b9719d911017c592");
  }

  static DirectoryUser userArabic() {
    return new DirectoryUser(
        "evt-u-2",
        AT,
        DirectoryUser.SCHEMA_VERSION,
        "acme",
        "112233445566778899002",
        "layla.haddad@acme.example",
        List.of(),
        new PersonName("ليلى", "حداد", "ليلى حداد", null),
        "مديرة المبيعات",
        "المبيعات",
        List.of(new Phone("work", "+971 4 123 4567", true)),
        List.of(),
        "/Sales/دبي",
        List.of("sales@acme.example"),
        Map.of(),
        false,
        false,
        null,
        "sha256:arabic");
  }

  static DirectoryUser userHebrewAndCjk() {
    return new DirectoryUser(
        "evt-u-3",
        AT,
        DirectoryUser.SCHEMA_VERSION,
        "acme",
        "112233445566778899003",
        "noa.cohen@acme.example",
        List.of("noa@acme.example"),
        new PersonName("נועה", "כהן (陈)", "נועה כהן 👩‍💻", "Noa \u200F"),
        "מהנדסת \"בכירה\" <R&D>",
        null,
        List.of(),
        List.of(),
        "/",
        List.of(),
        Map.of(),
        true,
        true,
        null,
        "sha256:hebrew");
  }

  static DirectoryUser userMinimal() {
    return new DirectoryUser(
        "evt-u-4",
        AT,
        DirectoryUser.SCHEMA_VERSION,
        "acme",
        "112233445566778899004",
        "x@acme.example",
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        false,
        false,
        null,
        "sha256:minimal");
  }

  static SignatureRendered signatureRendered() {
    return new SignatureRendered(
        "evt-s-1",
        AT,
        SignatureRendered.SCHEMA_VERSION,
        "acme",
        "112233445566778899001",
        List.of(
            new Target(
                "jane.doe@acme.example",
                "<div><b>Jane Doe</b><br>Head of Engineering</div>",
                "sha256:aaa"),
            new Target("jane@acme.example", "<div><b>Jane Doe</b></div>", "sha256:bbb")),
        "tpl-default",
        3,
        RenderCause.TEMPLATE);
  }

  static SignatureRendered signatureRenderedRtl() {
    return new SignatureRendered(
        "evt-s-2",
        AT,
        SignatureRendered.SCHEMA_VERSION,
        "acme",
        "112233445566778899002",
        List.of(
            new Target(
                "layla.haddad@acme.example",
                "<div dir=\"rtl\">ليلى حداد — مديرة المبيعات</div>",
                "sha256:ccc")),
        "tpl-rtl",
        1,
        RenderCause.DIRECTORY);
  }

  static SignatureRendered signatureRenderedNoTargets() {
    return new SignatureRendered(
        "evt-s-3",
        AT,
        SignatureRendered.SCHEMA_VERSION,
        "acme",
        "112233445566778899003",
        List.of(),
        "tpl-default",
        1,
        RenderCause.MANUAL);
  }

  static SignaturePushed pushApplied() {
    return new SignaturePushed(
        "evt-p-1",
        AT,
        SignaturePushed.SCHEMA_VERSION,
        "acme",
        "112233445566778899001",
        "jane.doe@acme.example",
        PushOutcome.APPLIED,
        null,
        1,
        212,
        "sha256:aaa");
  }

  static SignaturePushed pushFailed() {
    return new SignaturePushed(
        "evt-p-2",
        AT,
        SignaturePushed.SCHEMA_VERSION,
        "acme",
        "112233445566778899002",
        "layla.haddad@acme.example",
        PushOutcome.FAILED,
        "failedPrecondition: Mail service not enabled",
        3,
        4_200,
        null);
  }
}
