package io.signet.support.tenants;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The tenants a service saw deleted on {@code signet.tenants}, so their tokens stay refused after
 * the read model forgot them (and after a restart). Tenant ids are never reused, so the rows are
 * kept. The table comes from service-support's own migration ({@code db/support}, in the service's
 * {@code quarkus.flyway.locations}); calls join the caller's transaction.
 */
@ApplicationScoped
public class DeletedTenants {

  private final DataSource database;

  public DeletedTenants(DataSource database) {
    this.database = database;
  }

  public void record(String tenantId) {
    run(
        "insert into deleted_tenant (tenant_id, deleted_at) values (?, now())"
            + " on conflict (tenant_id) do nothing",
        tenantId,
        false);
  }

  public boolean contains(String tenantId) {
    return run("select 1 from deleted_tenant where tenant_id = ?", tenantId, true);
  }

  private boolean run(String sql, String tenantId, boolean query) {
    try (Connection connection = database.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, tenantId);
      if (!query) {
        statement.executeUpdate();
        return true;
      }
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("deleted_tenant: " + e.getMessage(), e);
    }
  }
}
