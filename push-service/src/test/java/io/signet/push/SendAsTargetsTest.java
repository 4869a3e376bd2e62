package io.signet.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.signet.emulator.state.EmulatedUser;
import io.signet.emulator.state.UserSpec;
import io.signet.emulator.state.WriteLogEntry;
import io.signet.events.EventJson;
import io.signet.events.EventRecords;
import io.signet.events.RenderCause;
import io.signet.events.SendAsSnapshot;
import io.signet.events.SignatureRendered;
import io.signet.events.Topics;
import io.signet.google.GoogleScopes;
import io.signet.testing.KafkaTestClient;
import io.signet.testing.TenantOnboarding;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Signatures go to Gmail's sendAs addresses, not to every Directory alias: push-service reads a
 * user's sendAs list before the first push, publishes it for render-service, refuses addresses
 * Gmail lacks (or creates them when the tenant allows it), and reads again on a 404.
 */
@QuarkusTest
@PushTestResources
class SendAsTargetsTest {

  @Test
  void aDirectoryAliasWithoutSendAsGetsNoWriteAndTheStatusNamesIt() throws Exception {
    TenantOnboarding tenant = new TenantOnboarding(0).activate();
    String sendsAs = "sales@" + tenant.domain;
    String receivesOnly = "jd@" + tenant.domain;
    EmulatedUser jane = jane(tenant, List.of(sendsAs, receivesOnly), List.of(sendsAs));

    try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
      // as render-service signs once it knows the list: the primary and the sendAs alias; and a
      // stale target for the alias that has no sendAs, which Gmail would answer 404
      kafka.sendAll(
          List.of(
              record(
                  tenant,
                  jane,
                  List.of(jane.primaryEmail(), sendsAs, receivesOnly),
                  List.of(receivesOnly))));
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  "FAILED".equals(state(tenant, jane, receivesOnly))
                      && "APPLIED".equals(state(tenant, jane, sendsAs))
                      && "APPLIED".equals(state(tenant, jane, jane.primaryEmail())));

      assertThat(Signatures.writes(tenant))
          .extracting(WriteLogEntry::sendAsEmail)
          .containsExactlyInAnyOrder(jane.primaryEmail(), sendsAs);
      var status = PushServiceTest.userStatus(tenant, jane);
      assertThat(status.getList("gmailSendAs.sendAsEmail", String.class))
          .containsExactly(jane.primaryEmail(), sendsAs);
      assertThat(status.getList("aliasesWithoutSendAs", String.class))
          .containsExactly(receivesOnly);
      Map<String, Object> refused = target(tenant, jane, receivesOnly);
      assertThat(refused).containsEntry("lastReason", "no-send-as");
      assertThat((String) refused.get("lastError")).contains("Gmail has no sendAs entry for");
      SendAsSnapshot published = awaitSnapshot(kafka, tenant, jane, 2);
      assertThat(published.addresses())
          .extracting(SendAsSnapshot.Address::sendAsEmail)
          .containsExactly(jane.primaryEmail(), sendsAs);
      assertThat(published.addresses().get(0).primary()).isTrue();
      // relayed once: the outbox marks it published and the relay does not send it again
      String key = Topics.userKey(tenant.tenantId, jane.id());
      await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> true);
      assertThat(
              kafka.readAll(
                  Topics.SEND_AS,
                  r -> key.equals(r.key()) && r.value() != null,
                  Duration.ofSeconds(5)))
          .hasSize(1);
    }
  }

  @Test
  void withAliasCreationOnTheMissingSendAsIsCreatedOnceCarryingTheSignature() throws Exception {
    TenantOnboarding tenant = new TenantOnboarding(0);
    tenant.google.setDelegation(tenant.customerId, tenant.clientId, GoogleScopes.required(true));
    tenant.activate();
    allowAliasCreation(tenant);
    String missing = "jd@" + tenant.domain;
    EmulatedUser jane = jane(tenant, List.of(missing), List.of());

    try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
      var signed = record(tenant, jane, List.of(jane.primaryEmail(), missing), List.of(missing));
      kafka.sendAll(List.of(signed));
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  "APPLIED".equals(state(tenant, jane, missing))
                      && "APPLIED".equals(state(tenant, jane, jane.primaryEmail())));
      // the same signature again (render-service re-renders once the new list arrives)
      kafka.sendAll(
          List.of(record(tenant, jane, List.of(jane.primaryEmail(), missing), List.of())));
      kafka.awaitConsumed("push-service", Topics.SIGNATURES, Duration.ofSeconds(30));

      assertThat(Signatures.writes(tenant))
          .extracting(WriteLogEntry::sendAsEmail, WriteLogEntry::method)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple(jane.primaryEmail(), "patch"),
              org.assertj.core.groups.Tuple.tuple(missing, "create"));
      var created = tenant.google.requireUser(jane.id()).sendAsEntry(missing).orElseThrow();
      assertThat(created.treatAsAlias()).isTrue();
      assertThat(created.verificationStatus()).isEqualTo("accepted");
      assertThat(created.signature()).contains("v1");
      SendAsSnapshot published = awaitSnapshot(kafka, tenant, jane, 2);
      assertThat(published.addresses())
          .extracting(SendAsSnapshot.Address::sendAsEmail)
          .containsExactly(jane.primaryEmail(), missing);
    }
  }

  @Test
  void anAddressThatFailedForLackOfASendAsGetsItCreatedWhenTheTenantTurnsAliasCreationOn()
      throws Exception {
    TenantOnboarding tenant = new TenantOnboarding(0);
    tenant.google.setDelegation(tenant.customerId, tenant.clientId, GoogleScopes.required(true));
    tenant.activate();
    String missing = "jd@" + tenant.domain;
    EmulatedUser jane = jane(tenant, List.of(missing), List.of());

    try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
      // signed before the option reached push-service (render-service read it first)
      kafka.sendAll(
          List.of(record(tenant, jane, List.of(jane.primaryEmail(), missing), List.of(missing))));
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  "FAILED".equals(state(tenant, jane, missing))
                      && "APPLIED".equals(state(tenant, jane, jane.primaryEmail())));
      assertThat(target(tenant, jane, missing)).containsEntry("lastReason", "no-send-as");

      allowAliasCreation(tenant);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> "APPLIED".equals(state(tenant, jane, missing)));
      assertThat(Signatures.writes(tenant))
          .extracting(WriteLogEntry::sendAsEmail, WriteLogEntry::method)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple(jane.primaryEmail(), "patch"),
              org.assertj.core.groups.Tuple.tuple(missing, "create"));
      assertThat(
              tenant.google.requireUser(jane.id()).sendAsEntry(missing).orElseThrow().signature())
          .contains("v1");
    }
  }

  @Test
  void aSendAsRemovedInGmailIsReadAgainOnTheNext404AndFailsWithoutAWrite() throws Exception {
    TenantOnboarding tenant = new TenantOnboarding(0).activate();
    String alias = "sales@" + tenant.domain;
    EmulatedUser jane = jane(tenant, List.of(alias), List.of(alias));

    try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
      kafka.sendAll(List.of(record(tenant, jane, List.of(jane.primaryEmail(), alias), List.of())));
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> "APPLIED".equals(state(tenant, jane, alias)));
      awaitSnapshot(kafka, tenant, jane, 2);

      tenant.google.removeSendAs(jane.id(), alias);
      kafka.sendAll(
          List.of(record(tenant, jane, List.of(jane.primaryEmail(), alias), List.of(), "v2")));
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  "FAILED".equals(state(tenant, jane, alias))
                      && "APPLIED".equals(state(tenant, jane, jane.primaryEmail())));

      assertThat(target(tenant, jane, alias)).containsEntry("lastReason", "no-send-as");
      assertThat(Signatures.writesByAddress(tenant)).containsEntry(alias, 1L);
      assertThat(awaitSnapshot(kafka, tenant, jane, 1).addresses())
          .extracting(SendAsSnapshot.Address::sendAsEmail)
          .containsExactly(jane.primaryEmail());
    }
  }

  private static EmulatedUser jane(
      TenantOnboarding tenant, List<String> aliases, List<String> sendAs) {
    return tenant.google.createUser(
        tenant.customerId,
        new UserSpec(
            "jane.doe@" + tenant.domain,
            "Jane",
            "Doe",
            null,
            null,
            null,
            null,
            null,
            aliases,
            null,
            null,
            null,
            null,
            null,
            null,
            sendAs));
  }

  private static void allowAliasCreation(TenantOnboarding tenant) {
    TenantOnboarding.tenantService()
        .auth()
        .oauth2(tenant.tenantToken)
        .contentType(ContentType.JSON)
        .body(Map.of("createAliasSendAs", true))
        .patch("/api/v1/tenants/" + tenant.tenantId + "/settings")
        .then()
        .statusCode(200);
    TenantOnboarding.tenantService()
        .auth()
        .oauth2(tenant.tenantToken)
        .post("/api/v1/tenants/" + tenant.tenantId + "/verifications")
        .then()
        .statusCode(201)
        .body("passed", org.hamcrest.Matchers.is(true));
  }

  private static org.apache.kafka.clients.producer.ProducerRecord<String, String> record(
      TenantOnboarding tenant,
      EmulatedUser user,
      List<String> addresses,
      List<String> aliasesWithoutSendAs) {
    return record(tenant, user, addresses, aliasesWithoutSendAs, "v1");
  }

  private static org.apache.kafka.clients.producer.ProducerRecord<String, String> record(
      TenantOnboarding tenant,
      EmulatedUser user,
      List<String> addresses,
      List<String> aliasesWithoutSendAs,
      String text) {
    String html = "<div><b>" + user.fullName() + "</b><br>" + text + "</div>";
    SignatureRendered event =
        new SignatureRendered(
            UUID.randomUUID().toString(),
            Instant.now(),
            SignatureRendered.SCHEMA_VERSION,
            tenant.tenantId,
            user.id(),
            addresses.stream()
                .map(a -> new SignatureRendered.Target(a, html, Signatures.sha256(html)))
                .toList(),
            "template-1",
            1,
            RenderCause.DIRECTORY,
            aliasesWithoutSendAs);
    return EventRecords.of(event, Topics.userKey(tenant.tenantId, user.id()), "/signet/tests");
  }

  private static String state(TenantOnboarding tenant, EmulatedUser user, String address) {
    try {
      return (String) target(tenant, user, address).get("state");
    } catch (RuntimeException | AssertionError notYet) {
      return null;
    }
  }

  private static Map<String, Object> target(
      TenantOnboarding tenant, EmulatedUser user, String address) {
    List<Map<String, Object>> targets = PushServiceTest.userStatus(tenant, user).getList("targets");
    return targets.stream()
        .filter(t -> address.equalsIgnoreCase((String) t.get("sendAsEmail")))
        .findFirst()
        .orElseThrow();
  }

  /** The latest snapshot of the user's list on signet.send-as, once it has that many entries. */
  private static SendAsSnapshot awaitSnapshot(
      KafkaTestClient kafka, TenantOnboarding tenant, EmulatedUser user, int entries) {
    String key = Topics.userKey(tenant.tenantId, user.id());
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              List<ConsumerRecord<String, String>> records =
                  kafka.readAll(
                      Topics.SEND_AS,
                      r -> key.equals(r.key()) && r.value() != null,
                      Duration.ofSeconds(5));
              return records.isEmpty()
                  ? null
                  : EventJson.read(records.get(records.size() - 1).value(), SendAsSnapshot.class);
            },
            snapshot -> snapshot != null && snapshot.addresses().size() == entries);
  }
}
