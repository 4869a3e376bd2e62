package io.signet.tenant.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.signet.support.Problem;
import io.signet.tenant.repository.TenantEntity;
import io.signet.tenant.repository.VerificationRunEntity;
import io.signet.tenant.repository.VerificationRunRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Runs a tenant's requirements verification, keeps every run as history, and moves the tenant to
 * ACTIVE when every automatic item passed (to PENDING otherwise).
 */
@ApplicationScoped
public class Verifications {

  private final TenantService tenants;
  private final DelegationAccounts accounts;
  private final RequirementsVerifier verifier;
  private final VerificationRunRepository runs;
  private final ObjectMapper json;
  private final MeterRegistry metrics;

  public Verifications(
      TenantService tenants,
      DelegationAccounts accounts,
      RequirementsVerifier verifier,
      VerificationRunRepository runs,
      ObjectMapper json,
      MeterRegistry metrics) {
    this.tenants = tenants;
    this.accounts = accounts;
    this.verifier = verifier;
    this.runs = runs;
    this.json = json;
    this.metrics = metrics;
  }

  /** A stored run. */
  public record Report(
      UUID id,
      String tenantId,
      Instant startedAt,
      Instant finishedAt,
      boolean passed,
      List<VerificationItem> items) {}

  public Report run(String tenantId) {
    Instant started = Instant.now();
    RequirementsVerifier.Subject subject =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  TenantEntity tenant = tenants.get(tenantId);
                  if (tenant.suspended) {
                    // a suspended tenant never reaches Google, not even to be checked
                    throw Problem.conflict(
                        "tenant-suspended",
                        "tenant " + tenantId + " is suspended: resume it before verifying");
                  }
                  return new RequirementsVerifier.Subject(
                      tenant.adminEmail,
                      tenant.domainNames(),
                      accounts.keyOf(tenant).orElse(null),
                      accounts.clientIdOf(tenant).orElse("(none)"),
                      tenant.createAliasSendAs);
                });
    List<VerificationItem> items = verifier.verify(subject);
    boolean passed =
        items.stream()
            .allMatch(
                item ->
                    item.status() == VerificationItem.Status.PASS
                        || item.status() == VerificationItem.Status.MANUAL);
    metrics
        .counter("signet_verification_runs_total", "outcome", passed ? "passed" : "failed")
        .increment();
    items.stream()
        .filter(item -> item.status() == VerificationItem.Status.FAIL)
        .forEach(
            item ->
                metrics
                    .counter("signet_verification_failed_items_total", "item", item.id().name())
                    .increment());
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              VerificationRunEntity run = new VerificationRunEntity();
              run.id = UUID.randomUUID();
              run.tenantId = tenantId;
              run.startedAt = started;
              run.finishedAt = Instant.now();
              run.passed = passed;
              run.items = write(items);
              runs.persist(run);
              tenants.applyVerification(tenantId, passed);
              return report(run);
            });
  }

  @Transactional
  public Report latest(String tenantId) {
    tenants.get(tenantId);
    return runs.latest(tenantId)
        .map(this::report)
        .orElseThrow(() -> Problem.notFound("tenant " + tenantId + " has not been verified yet"));
  }

  @Transactional
  public List<Report> history(String tenantId, int page, int size) {
    tenants.get(tenantId);
    return runs.history(tenantId, page, size).stream().map(this::report).toList();
  }

  private Report report(VerificationRunEntity run) {
    try {
      List<VerificationItem> items = json.readValue(run.items, new TypeReference<>() {});
      return new Report(run.id, run.tenantId, run.startedAt, run.finishedAt, run.passed, items);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored verification run " + run.id + " is unreadable", e);
    }
  }

  private String write(List<VerificationItem> items) {
    try {
      return json.writeValueAsString(items);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
