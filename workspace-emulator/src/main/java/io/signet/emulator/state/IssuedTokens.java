package io.signet.emulator.state;

import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The opaque access tokens the token endpoint issued, by value. */
final class IssuedTokens {

  private final Map<String, AccessToken> tokens = new ConcurrentHashMap<>();
  private final Ids ids;

  IssuedTokens(Ids ids) {
    this.ids = ids;
  }

  AccessToken issue(
      ServiceAccount account, EmulatedUser subject, Set<String> scopes, Instant expiresAt) {
    String value =
        "ya29.emu-" + Base64.getUrlEncoder().withoutPadding().encodeToString(ids.bytes(32));
    AccessToken token =
        new AccessToken(
            value,
            account.clientId(),
            account.projectId(),
            subject == null ? null : subject.id(),
            subject == null ? null : subject.primaryEmail(),
            Set.copyOf(scopes),
            expiresAt);
    tokens.put(value, token);
    return token;
  }

  Optional<AccessToken> find(String value) {
    return Optional.ofNullable(tokens.get(value));
  }

  /** Makes every issued token expired at {@code now}, so clients must refresh. */
  void expireAll(Instant now) {
    tokens.replaceAll(
        (value, token) ->
            new AccessToken(
                token.token(),
                token.clientId(),
                token.projectId(),
                token.subjectUserId(),
                token.subjectEmail(),
                token.scopes(),
                now));
  }

  /** Drops the tokens of a service account (its key revoked, the account disabled). */
  void dropForClient(String clientId) {
    tokens.values().removeIf(token -> token.clientId().equals(clientId));
  }

  /** Drops the tokens acting as a user (deleted, restricted or disabled). */
  void dropForSubject(String userId) {
    tokens.values().removeIf(token -> userId.equals(token.subjectUserId()));
  }

  void clear() {
    tokens.clear();
  }
}
