import EdgeCore

/// Watches the first decisions of a freshly applied model and calls for a rollback when it escalates far
/// more often than its manifest promised and more often than the model before it did on this machine — a
/// model that passed its self-test can still misbehave on the machine it now watches, while a machine that
/// was always unusual (and escalated as much before) is no fault of the new model.
///
/// States: `idle` → `start` → `watching(decisions, escalations)` → on each decision either still watching,
/// `healthy` (the window of decisions passed) or `misbehaving` (escalations already exceed the limit for the
/// whole window, so the verdict cannot change) → `idle`.
public struct ModelHealthWatch: Sendable {
  /// When a model counts as misbehaving.
  public struct Policy: Equatable, Sendable {
    /// Decisions watched after an update.
    public var decisions: Int
    /// Misbehaving above this multiple of the expected escalation rate…
    public var factor: Double
    /// …or above this rate, whichever is higher (guards against a tiny expected rate).
    public var floorRate: Double
    /// Expected rate for a manifest that gives none (the lesson: a few percent).
    public var assumedRate: Double

    /// A policy; defaults: 200 decisions, 3 × the expected rate, at least 10 %, 5 % assumed.
    public init(decisions: Int = 200, factor: Double = 3, floorRate: Double = 0.1, assumedRate: Double = 0.05)
    {
      self.decisions = decisions
      self.factor = factor
      self.floorRate = floorRate
      self.assumedRate = assumedRate
    }

    /// The highest escalation rate a model expected to escalate `expected` of its windows may show.
    public func limit(expected: Double?) -> Double {
      max(factor * (expected ?? assumedRate), floorRate)
    }
  }

  /// Where the watch stands.
  public enum State: Equatable, Sendable {
    /// Nothing to watch.
    case idle
    /// Watching model `version` whose escalation rate may not exceed `limit`.
    case watching(version: Int, limit: Double, decisions: Int, escalations: Int)
  }

  /// What a decision concluded.
  public enum Verdict: Equatable, Sendable {
    /// Not enough decisions yet.
    case watching
    /// The model stayed within its limit over the whole window.
    case healthy
    /// The model escalated too often: roll it back.
    case misbehaving(version: Int, escalations: Int, decisions: Int, limit: Double)
  }

  /// The thresholds of misbehaviour.
  public let policy: Policy
  /// The current state.
  public private(set) var state: State = .idle
  /// Decisions and escalations of the running model while no update was watched: this machine's baseline.
  public private(set) var baseline: (decisions: Int, escalations: Int) = (0, 0)

  /// An idle watch; `baseline` is what the running model counted on this machine before a restart (see
  /// `ModelHealthBaseline`), so a new model taken at the boot check is judged as if the device had not restarted.
  public init(policy: Policy = Policy(), baseline: (decisions: Int, escalations: Int) = (0, 0)) {
    self.policy = policy
    self.baseline = baseline
  }

  /// Starts watching model `version`, whose manifest expects it to escalate `expectedRate` of its windows; the
  /// limit is never below the rate the previous model showed here over at least a full window of decisions.
  public mutating func start(version: Int, expectedRate: Double?) {
    let previous =
      baseline.decisions >= policy.decisions ? Double(baseline.escalations) / Double(baseline.decisions) : 0
    baseline = (0, 0)
    state = .watching(
      version: version, limit: max(policy.limit(expected: expectedRate), previous), decisions: 0,
      escalations: 0)
  }

  /// Stops watching (the model was replaced).
  public mutating func stop() {
    state = .idle
  }

  /// Counts one decision of the watched model (ambiguous = escalated); nil when idle (the decision then counts
  /// toward the machine's baseline).
  public mutating func record(_ zone: Zone) -> Verdict? {
    guard case .watching(let version, let limit, var decisions, var escalations) = state else {
      baseline.decisions += 1
      if zone == .ambiguous { baseline.escalations += 1 }
      return nil
    }
    decisions += 1
    if zone == .ambiguous { escalations += 1 }
    if Double(escalations) > limit * Double(policy.decisions) {
      state = .idle
      return .misbehaving(version: version, escalations: escalations, decisions: decisions, limit: limit)
    }
    if decisions >= policy.decisions {
      state = .idle
      return .healthy
    }
    state = .watching(version: version, limit: limit, decisions: decisions, escalations: escalations)
    return .watching
  }
}
