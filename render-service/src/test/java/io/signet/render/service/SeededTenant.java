package io.signet.render.service;

import io.signet.events.DirectoryUser;
import io.signet.events.EventJson;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A tenant stored straight in render-service's database, as its consumers and API would have left
 * it: the tenant, its users, one template and a rule for everyone. Nothing is queued or rendered.
 */
final class SeededTenant {

  static final String TEMPLATE = "<b>{user.fullName}</b>{#if campaign}<br>{campaign.banner}{/if}";

  private SeededTenant() {}

  /** Stores the tenant with {@code count} users, in the caller's transaction; their ids, sorted. */
  static List<String> seed(EntityManager db, String tenantId, int count) {
    db.createNativeQuery(
            "INSERT INTO tenant (id, display_name, primary_domain, status, domains)"
                + " VALUES (?1, 'Acme', 'acme.ch', 'ACTIVE', 'acme.ch')")
        .setParameter(1, tenantId)
        .executeUpdate();
    String templateId = "tpl-" + tenantId;
    db.createNativeQuery(
            "INSERT INTO template (id, tenant_id, name, created_at) VALUES (?1, ?2, 'Default', ?3)")
        .setParameter(1, templateId)
        .setParameter(2, tenantId)
        .setParameter(3, Instant.now())
        .executeUpdate();
    db.createNativeQuery(
            "INSERT INTO template_version (template_id, version, source, created_at)"
                + " VALUES (?1, 1, ?2, ?3)")
        .setParameter(1, templateId)
        .setParameter(2, TEMPLATE)
        .setParameter(3, Instant.now())
        .executeUpdate();
    db.createNativeQuery(
            "INSERT INTO assignment_rule (id, tenant_id, position, audience_kind, template_id,"
                + " include_aliases) VALUES (?1, ?2, 0, 'EVERYONE', ?3, false)")
        .setParameter(1, UUID.randomUUID())
        .setParameter(2, tenantId)
        .setParameter(3, templateId)
        .executeUpdate();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      DirectoryUser user = user(tenantId, i);
      db.createNativeQuery(
              "INSERT INTO directory_user (tenant_id, user_id, content_hash, payload)"
                  + " VALUES (?1, ?2, ?3, ?4)")
          .setParameter(1, tenantId)
          .setParameter(2, user.userId())
          .setParameter(3, user.contentHash())
          .setParameter(4, EventJson.write(user))
          .executeUpdate();
      ids.add(user.userId());
    }
    return ids;
  }

  /** The i-th user of a seeded tenant, as directory-sync publishes it. */
  static DirectoryUser user(String tenantId, int i) {
    return new DirectoryUser(
        UUID.randomUUID().toString(),
        Instant.now(),
        DirectoryUser.SCHEMA_VERSION,
        tenantId,
        String.valueOf(100_000 + i),
        "user" + i + "@acme.ch",
        List.of(),
        new DirectoryUser.PersonName("User", String.valueOf(i), "User " + i, null),
        "Engineer",
        "R&D",
        List.of(),
        List.of(),
        "/",
        List.of(),
        Map.of(),
        false,
        false,
        null,
        "h" + i);
  }
}
