package io.signet.tenant.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Request bodies; unknown fields are refused. */
final class Requests {

  private Requests() {}

  record CreateTenant(
      String displayName, String primaryDomain, List<String> extraDomains, String adminEmail) {}

  /**
   * @param createAliasSendAs let Signet create the sendAs entry a Directory alias lacks; turning it
   *     on adds the scope gmail.settings.sharing to the delegation and needs a new verification
   */
  record Settings(Boolean autoPush, Long directorySyncIntervalMinutes, Boolean createAliasSendAs) {}

  /**
   * @param mode SHARED (the operator's service account) or OWN (the uploaded key)
   * @param serviceAccountKey the key JSON object exactly as Google's console downloads it
   */
  record Delegation(String mode, JsonNode serviceAccountKey) {}

  record TokenRequest(String apiKey) {}

  /**
   * @param rejectedToken a token Google refused (401): not to be handed out again from the cache
   */
  record BrokeredTokenRequest(
      String tenantId, String subject, List<String> scopes, String rejectedToken) {}
}
