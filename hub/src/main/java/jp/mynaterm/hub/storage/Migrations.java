package jp.mynaterm.hub.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned schema migrations, the same for SQLite and PostgreSQL: each step runs once, in order, in
 * its own transaction, and is recorded in {@code schema_version}. Hand-rolled rather than Flyway:
 * the steps are plain portable DDL (TEXT, BIGINT, INTEGER), one table records them, and Flyway would
 * add a large dependency for what is forty lines here.
 * Steps are append-only: never edit a released step, add a new one.
 */
final class Migrations {
  private static final Logger log = LoggerFactory.getLogger(Migrations.class);

  record Step(int version, String description, List<String> sql) {}

  static final List<Step> STEPS =
      List.of(
          new Step(
              1,
              "events, terminal status, lists, alerts, config",
              List.of(
                  "CREATE TABLE events (terminal TEXT NOT NULL, seq BIGINT NOT NULL, event_type TEXT NOT NULL, wall TEXT NOT NULL,"
                      + " boot_id TEXT NOT NULL, mono_ms BIGINT NOT NULL, synced INTEGER NOT NULL, received_at TEXT NOT NULL,"
                      + " record TEXT NOT NULL, PRIMARY KEY (terminal, seq))",
                  "CREATE INDEX events_type_wall ON events (event_type, wall)",
                  "CREATE TABLE terminal_status (terminal TEXT PRIMARY KEY, kind TEXT NOT NULL, role TEXT, payload TEXT NOT NULL,"
                      + " updated_at TEXT NOT NULL)",
                  "CREATE TABLE list_version (name TEXT PRIMARY KEY, version BIGINT NOT NULL)",
                  "CREATE TABLE list_delta (name TEXT NOT NULL, from_version BIGINT NOT NULL, to_version BIGINT NOT NULL,"
                      + " payload TEXT NOT NULL, PRIMARY KEY (name, to_version))",
                  "CREATE TABLE revoked (serial TEXT PRIMARY KEY)",
                  "CREATE TABLE allow_entry (service TEXT NOT NULL, card_id TEXT NOT NULL, payload TEXT NOT NULL,"
                      + " PRIMARY KEY (service, card_id))",
                  "CREATE TABLE alert (id TEXT PRIMARY KEY, payload TEXT NOT NULL, expires_ms BIGINT NOT NULL)",
                  "CREATE TABLE config_push (terminal TEXT PRIMARY KEY, version BIGINT NOT NULL, payload TEXT NOT NULL)")),
          new Step(
              2,
              "registries: link events applied, staff notices, members looked up by number",
              List.of(
                  "CREATE TABLE link_applied (terminal TEXT NOT NULL, seq BIGINT NOT NULL, applied_at TEXT NOT NULL, PRIMARY KEY (terminal, seq))",
                  "CREATE TABLE link_notice (terminal TEXT NOT NULL, seq BIGINT NOT NULL, n INTEGER NOT NULL, noted_at TEXT NOT NULL,"
                      + " text TEXT NOT NULL, PRIMARY KEY (terminal, seq, n))",
                  "ALTER TABLE allow_entry ADD COLUMN member TEXT",
                  "CREATE INDEX allow_entry_member ON allow_entry (service, member)")),
          new Step(
              3,
              "issuance: one-use challenges, issued certificates for /verify (digest, never content)",
              List.of(
                  "CREATE TABLE challenge (value TEXT PRIMARY KEY, terminal TEXT NOT NULL, expires_ms BIGINT NOT NULL)",
                  "CREATE TABLE issued (code TEXT PRIMARY KEY, digest TEXT NOT NULL, terminal TEXT NOT NULL, type TEXT NOT NULL,"
                      + " copies INTEGER NOT NULL, issued_at TEXT NOT NULL)")));

  private Migrations() {}

  /** Brings the schema up to the newest step; returns the version it is at. */
  static int migrate(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)");
    }
    int current = 0;
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT max(version) FROM schema_version")) {
      if (rs.next()) current = rs.getInt(1);
    }
    for (Step step : STEPS) {
      if (step.version() <= current) continue;
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        for (String sql : step.sql()) s.execute(sql);
        try (PreparedStatement p = c.prepareStatement("INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
          p.setInt(1, step.version());
          p.setString(2, step.description());
          p.setString(3, Instant.now().toString());
          p.executeUpdate();
        }
        c.commit();
        log.info("storage schema migrated to version {} ({})", step.version(), step.description());
        current = step.version();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
    return current;
  }
}
