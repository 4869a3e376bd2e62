package io.signet.push.service;

import io.signet.events.TenantSnapshot;
import io.signet.push.repository.PushTargetRepository;
import io.signet.push.repository.PushTenantRepository;
import io.signet.push.repository.PushTenantRepository.PushTenant;
import io.signet.support.tenants.DeletedTenants;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Each tenant's pushing as its lifecycle says: active tenants are pushed to; suspended or pending
 * ones pause, and resume (with what failed for the delegation) when active again; deleted ones are
 * forgotten. An active tenant with {@code createAliasSendAs} on has its addresses that failed
 * {@code no-send-as} pushed again, their sendAs created.
 */
@ApplicationScoped
public class TenantPushes {

  private static final Logger LOG = Logger.getLogger(TenantPushes.class);

  private final PushTenantRepository tenants;
  private final PushTargetRepository targets;
  private final io.signet.push.repository.PushUserRepository users;
  private final GmailSessions sessions;
  private final TenantGate gate;
  private final PushDispatcher dispatcher;
  private final DeletedTenants deleted;

  public TenantPushes(
      PushTenantRepository tenants,
      PushTargetRepository targets,
      io.signet.push.repository.PushUserRepository users,
      GmailSessions sessions,
      TenantGate gate,
      PushDispatcher dispatcher,
      DeletedTenants deleted) {
    this.tenants = tenants;
    this.targets = targets;
    this.users = users;
    this.sessions = sessions;
    this.gate = gate;
    this.dispatcher = dispatcher;
    this.deleted = deleted;
  }

  @Transactional
  public void apply(TenantSnapshot snapshot) {
    String id = snapshot.tenantId();
    Optional<PushTenant> before =
        tenants.save(id, snapshot.status().name(), snapshot.dwdClientId());
    tenants.createAliasSendAs(id, snapshot.createAliasSendAs());
    if (before.isPresent()
        && !java.util.Objects.equals(before.get().project(), project(snapshot))) {
      sessions.forget(id);
    }
    if (snapshot.status().name().equals("ACTIVE")) {
      List<String> reasons = new ArrayList<>(PushFailure.TENANT_REASONS);
      if (snapshot.createAliasSendAs()) {
        // addresses that failed for lack of a sendAs while the option was off (or before this
        // snapshot arrived) get it created now
        reasons.add(PushFailure.NO_SEND_AS);
      }
      int resumed = targets.resume(id, reasons);
      if (resumed > 0) {
        LOG.infof("tenant %s is active: %d signature(s) to push", id, resumed);
        dispatcher.wake();
      }
    } else {
      gate.pause(id);
      targets.pause(id);
    }
  }

  @Transactional
  public void delete(String tenantId) {
    deleted.record(tenantId);
    gate.pause(tenantId);
    targets.deleteTenant(tenantId);
    users.deleteTenant(tenantId);
    tenants.delete(tenantId);
    sessions.forget(tenantId);
  }

  /**
   * An admin asked to retry: the tenant's pause here ends (if it is active), and FAILED addresses
   * of the tenant or of one user are pushed again.
   *
   * @return how many addresses will be pushed
   */
  @Transactional
  public int retry(String tenantId, String userId) {
    PushTenant tenant = tenants.find(tenantId).orElse(null);
    int count = 0;
    if (tenant != null && "ACTIVE".equals(tenant.status()) && tenants.unpause(tenantId)) {
      count += targets.resume(tenantId, PushFailure.TENANT_REASONS);
    }
    count += targets.retryFailed(tenantId, userId);
    dispatcher.wake();
    return count;
  }

  /** The user's addresses are pushed again now, whatever Gmail holds. */
  @Transactional
  public int force(String tenantId, String userId) {
    boolean pushing = tenants.find(tenantId).map(PushTenant::pushing).orElse(false);
    int count = targets.force(tenantId, userId, pushing);
    dispatcher.wake();
    return count;
  }

  private static String project(TenantSnapshot snapshot) {
    return snapshot.dwdClientId() == null
        ? PushTenantRepository.UNKNOWN_PROJECT
        : snapshot.dwdClientId();
  }
}
