package io.signet.emulator.state;

import io.signet.google.ServiceAccountKeyGenerator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The Cloud projects' service accounts, by email and by OAuth client id, with their keys. */
final class ServiceAccounts {

  private static final String NAME = "[a-z][a-z0-9-]{4,28}[a-z0-9]";

  private final Map<String, ServiceAccount> byEmail = new ConcurrentHashMap<>();
  private final Map<String, ServiceAccount> byClientId = new ConcurrentHashMap<>();
  private final Ids ids;

  ServiceAccounts(Ids ids) {
    this.ids = ids;
  }

  /** A new service account with a fresh key; the key JSON's token_uri is {@code tokenUri}. */
  ServiceAccountKeyGenerator.GeneratedKey create(String projectId, String name, String tokenUri) {
    if (projectId == null || !projectId.matches(NAME)) {
      throw AdminException.badRequest(
          "projectId must be 6-30 lower-case letters, digits or hyphens: " + projectId);
    }
    if (name == null || !name.matches(NAME)) {
      throw AdminException.badRequest(
          "name must be 6-30 lower-case letters, digits or hyphens: " + name);
    }
    String email = name + "@" + projectId + ".iam.gserviceaccount.com";
    if (byEmail.containsKey(email)) {
      throw AdminException.conflict("service account " + email + " exists");
    }
    String clientId = "1" + ids.digits(20);
    var key = ServiceAccountKeyGenerator.generate(projectId, email, clientId, tokenUri);
    put(new ServiceAccount(clientId, email, projectId, key.privateKeyId(), key.publicKey(), false));
    return key;
  }

  /** Deletes the account's key: its signatures stop verifying. */
  void revokeKey(String clientId) {
    put(require(clientId).withRevoked());
  }

  Optional<ServiceAccount> byEmail(String clientEmail) {
    return Optional.ofNullable(byEmail.get(clientEmail));
  }

  ServiceAccount require(String clientId) {
    ServiceAccount account = byClientId.get(clientId);
    if (account == null) {
      throw AdminException.notFound("no service account with client id " + clientId);
    }
    return account;
  }

  void clear() {
    byEmail.clear();
    byClientId.clear();
  }

  private void put(ServiceAccount account) {
    byEmail.put(account.clientEmail(), account);
    byClientId.put(account.clientId(), account);
  }
}
