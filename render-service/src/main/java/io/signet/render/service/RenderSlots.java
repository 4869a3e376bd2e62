package io.signet.render.service;

import io.signet.support.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Fair use of the request threads for the renders a tenant asks for (previews, the save-time
 * check): each tenant renders one at a time, its other requests wait their turn (first come, first
 * served) on the tenant's own slot, so a tenant sending many costly templates at once holds one
 * thread, not all, and other tenants' previews never queue behind them. Each render is bounded by
 * {@link TemplateLimits}, so a slot is held for at most about {@link TemplateLimits#RENDER_TIME}
 * per user rendered.
 */
@ApplicationScoped
public class RenderSlots {

  /** Renders of one tenant at a time. */
  static final int PER_TENANT = 1;

  /** How long a request waits for its tenant's slot before it is refused with 429. */
  static final Duration WAIT = Duration.ofSeconds(10);

  /** Slots of the tenants with a request in flight only: the map never outgrows the requests. */
  private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();

  private static final class Slot {
    final Semaphore permits = new Semaphore(PER_TENANT, true);
    int requests; // changed only inside the map's atomic compute calls
  }

  /** Runs a render in the tenant's slot, once it is free. */
  public <T> T run(String tenantId, Supplier<T> render) {
    Slot slot =
        slots.compute(
            tenantId,
            (id, existing) -> {
              Slot taken = existing == null ? new Slot() : existing;
              taken.requests++;
              return taken;
            });
    try {
      if (!slot.permits.tryAcquire(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new Problem(
            429,
            "render-busy",
            "Too many requests",
            "this tenant's other renders took the last "
                + WAIT.toSeconds()
                + " s: try again when they are done",
            null);
      }
      try {
        return render.get();
      } finally {
        slot.permits.release();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Problem(
          503, "shutting-down", "Service unavailable", "the service is stopping", null);
    } finally {
      slots.computeIfPresent(tenantId, (id, taken) -> --taken.requests == 0 ? null : taken);
    }
  }

  /** Tenants with a render running or waiting, for tests. */
  int tenantsInFlight() {
    return slots.size();
  }
}
