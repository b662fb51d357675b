import ArgumentParser
import CloudServer

/// `--promote` / `--canary`: start a newly registered edge version's rollout at once.
struct RolloutFlags: ParsableArguments {
  @Flag(help: "Make it current right away.")
  var promote = false

  @Flag(help: "Start its canary right away.")
  var canary = false

  func validate() throws {
    if promote && canary { throw ValidationError("choose --promote or --canary, not both") }
  }

  /// Moves `version` as asked; returns the state it ended in.
  @discardableResult
  func apply(to registry: ModelRegistry, version: Int, reason: String?) async throws -> ModelState {
    let state: ModelState = promote ? .current : canary ? .canary : .candidate
    if state != .candidate { try await registry.transitionEdge(version: version, to: state, reason: reason) }
    return state
  }
}
