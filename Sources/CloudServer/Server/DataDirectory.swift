import Foundation
import Logging

/// The data directory's parts: database, signing key, admin token, model files.
public struct DataDirectory: Sendable {
  /// Its location.
  public let url: URL
  /// The SQLite database in it.
  public let database: SQLiteDatabase
  /// The model registry over that database and the model files.
  public let registry: ModelRegistry

  /// Opens (creating when needed, readable by the owner only) a data directory.
  public init(_ url: URL) throws {
    self.url = url
    if !FileManager.default.fileExists(atPath: url.path) {
      try FileManager.default.createDirectory(
        at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }
    database = try SQLiteDatabase(directory: url)
    registry = ModelRegistry(
      store: SQLiteRegistryStore(database: database), files: ModelFiles(dataDirectory: url),
      signer: try ManifestSigner.loadOrCreate(in: url))
  }

  /// Escalation store on this directory's database (group commit).
  public func escalationStore(maximumBatch: Int = 1024) -> SQLiteEscalationStore {
    SQLiteEscalationStore(database: database, maximumBatch: maximumBatch)
  }

  /// Device store on this directory's database.
  public var deviceStore: SQLiteDeviceStore { SQLiteDeviceStore(database: database) }

  /// The admin token: the given one, else the one in `admin-token`, else a new one written there.
  public func adminToken(given: String?, logger: Logger) throws -> String {
    if let given, !given.isEmpty { return given }
    let file = url.appendingPathComponent(CloudServer.adminTokenFileName)
    if let stored = try? String(contentsOf: file, encoding: .utf8) {
      let token = stored.trimmingCharacters(in: .whitespacesAndNewlines)
      if !token.isEmpty { return token }
    }
    let token = SecretToken.generate(prefix: SecretToken.adminPrefix)
    try PrivateFile.write(Data((token + "\n").utf8), to: file)
    logger.notice("generated an admin token in \(file.path) (mode 0600)")
    return token
  }
}
