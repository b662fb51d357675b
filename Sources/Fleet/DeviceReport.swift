import EdgeAgent
import EdgeCore
import Foundation

/// One simulated device's run: what it decided, how well, how fast, and what it sent.
public struct DeviceReport: Sendable {
  /// The device id.
  public var deviceID: String
  /// Its machine and fault schedule, in words.
  public var machine: String
  /// Windows decided.
  public var windows: Int
  /// Windows per zone.
  public var zones: [Zone: Int]
  /// Windows per deciding path.
  public var paths: [WindowOutcome.Path: Int]
  /// Windows whose machine was faulty.
  public var anomalies: Int
  /// Final decisions that matched the ground truth.
  public var hybridCorrect: Int
  /// Edge-alone decisions (closer threshold in the ambiguous zone) that matched it.
  public var edgeCorrect: Int
  /// The device's own statistics (escalation fates, bytes, latencies per zone).
  public var statistics: DeviceStatistics
  /// Escalations still queued at the end.
  public var queueDepth: Int
  /// What each edge model version decided, by version.
  public var versions: [Int: VersionTally] = [:]

  /// Fraction of windows in `zone`.
  public func fraction(_ zone: Zone) -> Double { ratio(zones[zone, default: 0], windows) }

  /// Fraction of windows the device sent (or meant to send) to the cloud.
  public var escalationRate: Double { ratio(escalations, windows) }

  /// Windows the device sent or meant to send to the cloud.
  public var escalations: Int { paths[.cloud, default: 0] + paths[.fallback, default: 0] }

  /// Accuracy of the final decisions.
  public var hybridAccuracy: Double { ratio(hybridCorrect, windows) }

  /// Accuracy the edge alone would have had.
  public var edgeAccuracy: Double { ratio(edgeCorrect, windows) }

  /// Escalations neither answered, queued nor refused: lost (must be 0).
  public var unaccounted: Int {
    escalations - statistics.answered - statistics.queued - statistics.refused
  }
}

func ratio(_ part: Int, _ whole: Int) -> Double { whole == 0 ? 0 : Double(part) / Double(whole) }
