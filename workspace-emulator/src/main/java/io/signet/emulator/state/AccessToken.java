package io.signet.emulator.state;

import java.time.Instant;
import java.util.Set;

/**
 * An opaque access token the token endpoint issued, bound to who may use it for what.
 *
 * @param subjectUserId the impersonated user, or {@code null} for the service account itself
 */
public record AccessToken(
    String token,
    String clientId,
    String projectId,
    String subjectUserId,
    String subjectEmail,
    Set<String> scopes,
    Instant expiresAt) {

  public boolean expiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }
}
