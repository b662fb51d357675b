import Foundation
import GRDB

/// The server's SQLite file (WAL mode, fully synced commits) with its schema.
///
/// One file, `edgehybrid.sqlite`, under the data directory holds escalations, summaries, devices and
/// the model registry. Several processes may open it at once (the server and `edgehybrid models …`).
public final class SQLiteDatabase: Sendable {
  /// File name inside the data directory.
  public static let fileName = "edgehybrid.sqlite"

  /// The connection pool: one writer, concurrent readers.
  let pool: DatabasePool
  /// A second connection that only runs checkpoints, so they never queue behind or block writes.
  private let checkpointer: DatabaseQueue
  /// Path of the database file.
  public let path: String

  /// Opens (creating and migrating when needed) the database in `directory`.
  public init(directory: URL, walRestartPages: Int = defaultWALRestartPages) throws {
    self.walRestartPages = walRestartPages
    let path = directory.appendingPathComponent(Self.fileName).path
    var configuration = Configuration()
    // About 10 s of patience, tried every 100 µs (see `retryingEvery100Microseconds`).
    configuration.busyMode = .callback(Self.retryingEvery100Microseconds(upTo: 100_000))
    configuration.label = "edgehybrid"
    configuration.prepareDatabase { db in
      // No checkpoint inside a commit (it would stall every request of the batch for the copy and
      // its fsync); `checkpoint()` runs them beside the writer instead. The WAL file is trimmed
      // back to 64 MiB whenever it restarts.
      try db.execute(sql: "PRAGMA wal_autocheckpoint = 0")
      try db.execute(sql: "PRAGMA journal_size_limit = 67108864")
    }
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      pool = try DatabasePool(path: path, configuration: configuration)
      // FULL: every commit syncs the WAL, so an answered escalation survives power loss too. Set on
      // the pool's one writer after opening, because opening a pool sets NORMAL (sync at checkpoints only).
      try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
      try Self.migrator.migrate(pool)
      // The checkpointer gives up after about 2 ms and waits for its next turn: a restart checkpoint holds
      // the write lock while it waits for readers, so a long read (a retraining cycle loading its
      // escalations) would otherwise hold every commit, and so /classify, for as long as it reads.
      var checkpointing = configuration
      checkpointing.busyMode = .callback(Self.retryingEvery100Microseconds(upTo: 20))
      checkpointer = try DatabaseQueue(path: path, configuration: checkpointing)
    } catch {
      throw StoreError.cannotOpen(path: path, reason: "\(error)")
    }
    self.path = path
  }

  /// Retries a locked database every 100 µs, at most `tries` times.
  ///
  /// SQLite's own busy timeout sleeps 1, 2, 5, 10, … ms between tries, so a commit that meets the
  /// restart checkpoint's few-millisecond lock waited up to 18 ms, the half-load p99 of /classify.
  private static func retryingEvery100Microseconds(upTo tries: Int) -> Database.BusyCallback {
    { attempt in
      usleep(100)
      return attempt < tries
    }
  }

  /// Default WAL size (in pages, 64 MiB of 4 KiB pages) past which a checkpoint also restarts the WAL.
  public static let defaultWALRestartPages = 16_384

  /// WAL size (in pages) past which a checkpoint also restarts the WAL, so the file stops growing.
  public let walRestartPages: Int

  /// Copies committed WAL frames into the database file on a connection of its own; returns the WAL's
  /// page count before.
  ///
  /// A passive checkpoint copies beside the writer without blocking it. Under steady writes it never
  /// quite catches up, so once the WAL holds `walRestartPages` a restart checkpoint follows: it blocks
  /// writes only for the few pages written since the passive pass, and lets the next commit start
  /// the WAL from its beginning.
  @discardableResult
  public func checkpoint() async throws -> Int {
    try await checkpointer.writeWithoutTransaction { db in
      let (pages, _) = try db.checkpoint(.passive)
      if pages >= walRestartPages { _ = try db.checkpoint(.restart) }
      return pages
    }
  }

  /// Runs `body` in one IMMEDIATE write transaction on the pool's writer; rolls back when it throws.
  ///
  /// What `pool.write` does, but with BEGIN and COMMIT prepared once and cached: `write` composed and
  /// parsed both statements anew for every transaction, a visible share of each group commit's CPU.
  func writeTransaction<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
    try await pool.writeWithoutTransaction { db in
      try db.cachedStatement(sql: "BEGIN IMMEDIATE TRANSACTION").execute()
      do {
        let result = try body(db)
        try db.cachedStatement(sql: "COMMIT TRANSACTION").execute()
        return result
      } catch {
        try? db.rollback()
        throw error
      }
    }
  }

  /// Bytes of the database file and its WAL.
  public func sizeOnDisk() -> Int {
    [path, path + "-wal", path + "-shm"].reduce(0) { total, file in
      let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? nil
      return total + (size ?? 0)
    }
  }

  /// Closes every connection; call after the last use.
  public func close() throws {
    try checkpointer.close()
    try pool.close()
  }

  /// Every schema version in order; a database opened here is migrated to the last.
  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1") { db in
      try db.execute(
        sql: """
          CREATE TABLE escalation (
            id INTEGER PRIMARY KEY,
            device_id TEXT NOT NULL,
            escalation_id TEXT,
            received_at_ms INTEGER NOT NULL,
            features BLOB NOT NULL,
            edge_mse REAL NOT NULL,
            edge_model_version INTEGER,
            cloud_mse REAL NOT NULL,
            classification INTEGER NOT NULL,
            confidence REAL NOT NULL,
            cloud_model TEXT NOT NULL,
            operator_label INTEGER,
            consumed_by_version INTEGER
          );
          CREATE UNIQUE INDEX escalation_idempotency ON escalation(device_id, escalation_id);
          CREATE TABLE summary (
            id INTEGER PRIMARY KEY,
            device_id TEXT NOT NULL,
            ts_ms INTEGER NOT NULL,
            received_at_ms INTEGER NOT NULL,
            summary BLOB NOT NULL
          );
          CREATE TABLE device (
            device_id TEXT PRIMARY KEY,
            token_hash TEXT NOT NULL UNIQUE,
            created_ms INTEGER NOT NULL,
            revoked_ms INTEGER
          );
          CREATE TABLE edge_model (
            version INTEGER PRIMARY KEY,
            sha256 TEXT NOT NULL,
            size_bytes INTEGER NOT NULL,
            thresholds TEXT NOT NULL,
            self_test TEXT NOT NULL,
            self_test_tolerance REAL NOT NULL,
            training_stats TEXT,
            created_ms INTEGER NOT NULL,
            state TEXT NOT NULL,
            reason TEXT,
            state_changed_ms INTEGER NOT NULL
          );
          CREATE TABLE cloud_model (
            version INTEGER PRIMARY KEY,
            card TEXT NOT NULL,
            created_ms INTEGER NOT NULL,
            state TEXT NOT NULL
          );
          CREATE TABLE manifest (
            serial INTEGER PRIMARY KEY,
            version INTEGER NOT NULL,
            envelope TEXT NOT NULL
          );
          CREATE TABLE registry_event (
            id INTEGER PRIMARY KEY,
            ts_ms INTEGER NOT NULL,
            model TEXT NOT NULL,
            version INTEGER NOT NULL,
            from_state TEXT,
            to_state TEXT NOT NULL,
            reason TEXT
          );
          CREATE TABLE setting (
            key TEXT PRIMARY KEY,
            value
          );
          INSERT INTO setting(key, value) VALUES ('generation', 0), ('canary_fraction', 0.1);
          """)
    }
    // Only escalations that carry an id need the idempotency index: the lesson's firmware sends none, and
    // indexing its rows (all with a NULL id, which never conflicts) dirtied index pages in every commit.
    migrator.registerMigration("v2-partial-idempotency-index") { db in
      try db.execute(
        sql: """
          DROP INDEX escalation_idempotency;
          CREATE UNIQUE INDEX escalation_idempotency ON escalation(device_id, escalation_id)
            WHERE escalation_id IS NOT NULL;
          """)
    }
    return migrator
  }
}

extension Database {
  /// Bumps the configuration generation so running servers reload devices and models.
  func bumpGeneration() throws {
    try execute(sql: "UPDATE setting SET value = value + 1 WHERE key = 'generation'")
  }
}
