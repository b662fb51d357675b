import EdgeCore

extension ModelSlotStore {
  /// File name of the running model's health baseline record (a `ModelHealthBaseline`).
  public static let baselineFileName = "health-baseline.bin"

  /// The persisted health baseline, why its record was refused, or nil when none was ever written.
  public func readBaseline() throws(FileIOError) -> Result<ModelHealthBaseline, ModelHealthBaselineError>? {
    guard let bytes = try DurableFile.contents(of: baselinePath) else { return nil }
    do { return .success(try ModelHealthBaseline(decoding: bytes)) } catch { return .failure(error) }
  }

  /// Replaces the persisted health baseline with `baseline`, atomically and durably.
  public func writeBaseline(_ baseline: ModelHealthBaseline) throws(FileIOError) {
    try DurableFile.replace(baselinePath, with: baseline.encode())
  }

  private var baselinePath: String { directory + "/" + ModelSlotStore.baselineFileName }
}
