package jp.mynaterm.hub.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import jp.mynaterm.protocol.card.CardId;
import jp.mynaterm.protocol.codec.MessageCodec;
import jp.mynaterm.protocol.message.AllowEntry;

/**
 * The lists terminals hold (revoked certificates; allow-lists per service), by versions: each change
 * is one new version and its delta, kept for terminals that were away (list_version, list_delta,
 * revoked, allow_entry). A revoked certificate is stored as its wire entry ({@code
 * jp.mynaterm.protocol.card.CertificateKey}: issuer key and serial) in {@code revoked.serial}; rows
 * written before issuers were keyed are bare serials, which still mean that serial of any issuer.
 */
public final class ListRepository {
  private final Database db;

  public ListRepository(Database db) {
    this.db = db;
  }

  /** Writes the delta's payload for the version change {@code from} → {@code to}. */
  @FunctionalInterface
  public interface DeltaWriter {
    String payload(long from, long to);
  }

  public long version(String list) throws SQLException {
    return db.first("SELECT version FROM list_version WHERE name = ?", rs -> rs.getLong(1), list).orElse(0L);
  }

  /** Revokes and reinstates certificates (their entries, issuer/serial) as one new version; returns it. */
  public long changeRevocations(String list, List<String> added, List<String> removed, DeltaWriter delta) throws SQLException {
    return change(list, delta, c -> {
      try (PreparedStatement add = c.prepareStatement("INSERT INTO revoked (serial) VALUES (?) ON CONFLICT (serial) DO NOTHING");
          PreparedStatement del = c.prepareStatement("DELETE FROM revoked WHERE serial = ?")) {
        for (String s : added) {
          add.setString(1, s);
          add.addBatch();
        }
        for (String s : removed) {
          del.setString(1, s);
          del.addBatch();
        }
        add.executeBatch();
        del.executeBatch();
      }
    });
  }

  /**
   * Adds, updates and removes allow-list entries of a service as one new version; returns it.
   * {@code with} commits in the same transaction (e.g. the record that a link event was applied).
   */
  public long changeAllowList(String list, String service, List<AllowEntry> upserts, List<CardId> removals, DeltaWriter delta, Database.Step with)
      throws SQLException {
    return change(list, delta, c -> {
      with.run(c);
      try (PreparedStatement up =
              c.prepareStatement(
                  "INSERT INTO allow_entry (service, card_id, payload, member) VALUES (?, ?, ?, ?)"
                      + " ON CONFLICT (service, card_id) DO UPDATE SET payload = excluded.payload, member = excluded.member");
          PreparedStatement del = c.prepareStatement("DELETE FROM allow_entry WHERE service = ? AND card_id = ?")) {
        for (AllowEntry e : upserts) {
          up.setString(1, service);
          up.setString(2, e.cardId().value());
          up.setString(3, MessageCodec.write(e));
          up.setString(4, e.member());
          up.addBatch();
        }
        for (CardId id : removals) {
          del.setString(1, service);
          del.setString(2, id.value());
          del.addBatch();
        }
        up.executeBatch();
        del.executeBatch();
      }
    });
  }

  /**
   * One version step. The version row is bumped first: on PostgreSQL that locks it, so two writers
   * of one list (threads or hubs) take turns and never make the same version twice.
   */
  private long change(String list, DeltaWriter delta, Database.Step work) throws SQLException {
    return db.write(c -> {
      long to = nextVersion(c, list);
      long from = to - 1;
      work.run(c);
      try (PreparedStatement p = c.prepareStatement("INSERT INTO list_delta (name, from_version, to_version, payload) VALUES (?, ?, ?, ?)")) {
        p.setString(1, list);
        p.setLong(2, from);
        p.setLong(3, to);
        p.setString(4, delta.payload(from, to));
        p.executeUpdate();
      }
      return to;
    });
  }

  /**
   * Bumps a list's version in {@code c}'s transaction and returns the new one. A list sent whole at
   * every version (a staff list) calls it alone, with the change it versions; no delta is stored.
   */
  public static long nextVersion(Connection c, String list) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO list_version (name, version) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET version = list_version.version + 1"
                + " RETURNING version")) {
      p.setString(1, list);
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** The stored deltas of a list after version {@code from}, in order (payloads as written). */
  public List<String> deltasAfter(String list, long from) throws SQLException {
    return db.list("SELECT payload FROM list_delta WHERE name = ? AND to_version > ? ORDER BY to_version", rs -> rs.getString(1), list, from);
  }

  /** Every revoked certificate's entry (issuer/serial, or a bare serial from before issuers were keyed). */
  public List<String> revokedEntries() throws SQLException {
    return db.list("SELECT serial FROM revoked ORDER BY serial", rs -> rs.getString(1));
  }

  public List<AllowEntry> allowEntries(String service) throws SQLException {
    return db.list("SELECT payload FROM allow_entry WHERE service = ? ORDER BY card_id", ENTRY, service);
  }

  public Optional<AllowEntry> allowEntry(String service, CardId card) throws SQLException {
    return db.first("SELECT payload FROM allow_entry WHERE service = ? AND card_id = ?", ENTRY, service, card.value());
  }

  public Optional<AllowEntry> allowEntryOfMember(String service, String member) throws SQLException {
    return db.first("SELECT payload FROM allow_entry WHERE service = ? AND member = ?", ENTRY, service, member);
  }

  private static final Database.Row<AllowEntry> ENTRY = rs -> StoredJson.read(rs.getString(1), AllowEntry.class);
}
