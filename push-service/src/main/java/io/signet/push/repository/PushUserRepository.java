package io.signet.push.repository;

import io.signet.events.EventJson;
import io.signet.events.SendAsSnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Each user's sendAs list as Gmail last answered it, and the outbox of {@code signet.send-as}: a
 * list that differs from the last one relayed is marked unpublished in the same statement that
 * stores it.
 */
@ApplicationScoped
public class PushUserRepository {

  private static final com.fasterxml.jackson.core.type.TypeReference<List<SendAsSnapshot.Address>>
      ADDRESSES = new com.fasterxml.jackson.core.type.TypeReference<>() {};

  private final Jdbc jdbc;

  public PushUserRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * A user as push-service knows it.
   *
   * @param sendAs Gmail's list, or null before the first read
   * @param aliasesWithoutSendAs Directory aliases the user's rule would sign that have no sendAs
   */
  public record PushUser(
      String tenantId,
      String userId,
      String subject,
      List<SendAsSnapshot.Address> sendAs,
      Instant listedAt,
      List<String> aliasesWithoutSendAs) {

    /** Whether Gmail listed the address as one of the user's sendAs entries (any case). */
    public boolean hasSendAs(String email) {
      return sendAs != null
          && sendAs.stream().anyMatch(address -> address.sendAsEmail().equalsIgnoreCase(email));
    }
  }

  /**
   * Records the users of a batch of rendered signatures: their subject and the aliases
   * render-service found without sendAs, aligned lists.
   */
  public void saveRendered(
      List<String> tenantIds,
      List<String> userIds,
      List<String> subjects,
      List<String> aliasesWithoutSendAs) {
    if (tenantIds.isEmpty()) {
      return;
    }
    jdbc.update(
        """
        insert into push_user (tenant_id, user_id, subject, aliases_without_send_as)
        select t, u, s, case when a = '' then '{}'::text[] else string_to_array(a, ',') end
        from unnest(?::text[], ?::text[], ?::text[], ?::text[]) as r(t, u, s, a)
        on conflict (tenant_id, user_id) do update set
            aliases_without_send_as = excluded.aliases_without_send_as,
            -- a renamed user acts as the new address; the old list no longer applies
            send_as = case when push_user.subject = excluded.subject then push_user.send_as end,
            subject = excluded.subject
        """,
        new Jdbc.TextArray(tenantIds),
        new Jdbc.TextArray(userIds),
        new Jdbc.TextArray(subjects),
        new Jdbc.TextArray(aliasesWithoutSendAs));
  }

  public Optional<PushUser> find(String tenantId, String userId) {
    return jdbc
        .query(
            """
            select tenant_id, user_id, subject, send_as, listed_at, aliases_without_send_as
            from push_user where tenant_id = ? and user_id = ?
            """,
            row -> {
              Array aliases = row.getArray(6);
              return new PushUser(
                  row.getString(1),
                  row.getString(2),
                  row.getString(3),
                  addresses(row.getString(4)),
                  Jdbc.instant(row, "listed_at"),
                  aliases == null ? List.of() : Arrays.asList((String[]) aliases.getArray()));
            },
            tenantId,
            userId)
        .stream()
        .findFirst();
  }

  /**
   * Stores the list Gmail just answered; a list that differs from the last relayed one waits to be
   * published.
   */
  public void recordList(
      String tenantId, String userId, String subject, List<SendAsSnapshot.Address> sendAs) {
    String json = write(sendAs);
    String hash = sha256(json);
    jdbc.update(
        """
        insert into push_user (tenant_id, user_id, subject, send_as, listed_at, send_as_hash,
                               published)
        values (?, ?, ?, ?, now(), ?, false)
        on conflict (tenant_id, user_id) do update set
            send_as = excluded.send_as, listed_at = now(),
            published = push_user.published
                and push_user.send_as_hash is not distinct from excluded.send_as_hash,
            send_as_hash = excluded.send_as_hash
        """,
        tenantId,
        userId,
        subject,
        json,
        hash);
  }

  /** The next lists to relay, oldest first. */
  public List<SendAsSnapshot> unpublished(int limit) {
    return jdbc.query(
        """
        select tenant_id, user_id, send_as, listed_at from push_user
        where not published order by listed_at limit ?
        """,
        row ->
            new SendAsSnapshot(
                snapshotId(row.getString(1), row.getString(2), row.getString(3)),
                Instant.now(),
                SendAsSnapshot.SCHEMA_VERSION,
                row.getString(1),
                row.getString(2),
                addresses(row.getString(3)),
                Jdbc.instant(row, "listed_at")),
        limit);
  }

  /** Marks relayed lists published, unless a newer list was stored meanwhile: one statement. */
  public void markPublished(List<SendAsSnapshot> relayed) {
    if (relayed.isEmpty()) {
      return;
    }
    jdbc.update(
        """
        update push_user u set published = true
        from unnest(?::text[], ?::text[], ?::text[]) as r(t, usr, at)
        where u.tenant_id = r.t and u.user_id = r.usr and u.listed_at = r.at::timestamptz
        """,
        new Jdbc.TextArray(relayed.stream().map(SendAsSnapshot::tenantId).toList()),
        new Jdbc.TextArray(relayed.stream().map(SendAsSnapshot::userId).toList()),
        new Jdbc.TextArray(relayed.stream().map(s -> s.listedAt().toString()).toList()));
  }

  /** Users gone from the directory (or suspended): nothing more is pushed to them. */
  public void forget(List<String> tenantIds, List<String> userIds) {
    if (tenantIds.isEmpty()) {
      return;
    }
    jdbc.update(
        """
        delete from push_user
        where (tenant_id, user_id) in (select * from unnest(?::text[], ?::text[]))
        """,
        new Jdbc.TextArray(tenantIds),
        new Jdbc.TextArray(userIds));
  }

  public void deleteTenant(String tenantId) {
    jdbc.update("delete from push_user where tenant_id = ?", tenantId);
  }

  private static String snapshotId(String tenantId, String userId, String json) {
    return java.util
        .UUID
        .nameUUIDFromBytes(
            ("send-as/" + tenantId + "/" + userId + "/" + sha256(json))
                .getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  private static List<SendAsSnapshot.Address> addresses(String json) {
    if (json == null) {
      return null;
    }
    try {
      return EventJson.mapper().readValue(json, ADDRESSES);
    } catch (IOException e) {
      throw new UncheckedIOException("stored sendAs list is not readable", e);
    }
  }

  private static String write(List<SendAsSnapshot.Address> sendAs) {
    try {
      return EventJson.mapper().writeValueAsString(sendAs);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
