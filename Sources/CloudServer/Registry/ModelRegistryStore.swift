/// Persistence of the model registry, behind a protocol so that PostgreSQL can replace SQLite.
public protocol ModelRegistryStore: Sendable {
  /// The registry as stored now.
  func loadRegistry() async throws -> RegistrySnapshot

  /// Runs `change` on the stored registry and saves the result, atomically; nothing is saved when it throws.
  func updateRegistry<Result: Sendable>(_ change: @Sendable (inout RegistrySnapshot) throws -> Result)
    async throws
    -> Result

  /// A number that changes whenever the registry or the device list changes (servers poll it to reload).
  func generation() async throws -> Int
}
