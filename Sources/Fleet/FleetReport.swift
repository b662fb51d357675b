import EdgeAgent
import EdgeCore
import Foundation
import Learning

/// A fleet run: every device's report, the fleet totals, and tables for a terminal.
public struct FleetReport: Sendable {
  /// What ran.
  public var configuration: FleetConfiguration
  /// The zone thresholds the devices used (of the last device to report).
  public var thresholds: ZoneThresholds?
  /// Per device, in id order.
  public var devices: [DeviceReport]
  /// Wall-clock seconds the run took.
  public var seconds: Double

  /// Every device's numbers added up.
  public var total: DeviceReport {
    var total = DeviceReport(
      deviceID: "fleet", machine: "\(devices.count) machines", windows: 0, zones: [:], paths: [:],
      anomalies: 0,
      hybridCorrect: 0, edgeCorrect: 0, statistics: DeviceStatistics(), queueDepth: 0)
    for device in devices {
      total.windows += device.windows
      total.zones.merge(device.zones, uniquingKeysWith: +)
      total.paths.merge(device.paths, uniquingKeysWith: +)
      total.anomalies += device.anomalies
      total.hybridCorrect += device.hybridCorrect
      total.edgeCorrect += device.edgeCorrect
      total.queueDepth += device.queueDepth
      for (version, tally) in device.versions { total.versions[version, default: VersionTally()].add(tally) }
      let s = device.statistics
      total.statistics.answered += s.answered
      total.statistics.queued += s.queued
      total.statistics.drained += s.drained
      total.statistics.refused += s.refused
      total.statistics.saturated += s.saturated
      total.statistics.bytesUploaded += s.bytesUploaded
      total.statistics.summariesSent += s.summariesSent
      total.statistics.summaryBytesUploaded += s.summaryBytesUploaded
      total.statistics.windowsWithoutModel += s.windowsWithoutModel
      for (zone, samples) in s.latency {
        total.statistics.latency[zone, default: LatencySamples(seed: UInt64(zone.rawValue) + 1)].merge(
          samples)
      }
    }
    return total
  }

  /// Escalations the cloud stored: answered live or drained from a queue.
  public var storedEscalations: Int { total.statistics.answered + total.statistics.drained }

  /// The per-device table (when asked) and the fleet line.
  public func table(perDevice: Bool) -> String {
    let header = [
      "device", "windows", "normal", "ambig.", "anomaly", "escal.", "edge acc", "hybrid acc",
      "p50/p99 normal ms",
      "p50/p99 ambig. ms", "p50/p99 anomaly ms", "bytes up", "summary bytes", "answered", "queued", "drained",
      "left",
    ]
    var rows = perDevice ? devices.map(Self.row) : []
    rows.append(Self.row(total))
    return TextTable(header: header, rows: rows).description
  }

  private static func row(_ device: DeviceReport) -> [String] {
    func percent(_ value: Double) -> String { String(format: "%.1f %%", 100 * value) }
    func latency(_ zone: Zone) -> String {
      guard let samples = device.statistics.latency[zone], let p50 = samples.quantile(0.5),
        let p99 = samples.quantile(0.99)
      else { return "–" }
      return "\(milliseconds(p50)) / \(milliseconds(p99))"
    }
    return [
      device.deviceID, "\(device.windows)", percent(device.fraction(.normal)),
      percent(device.fraction(.ambiguous)),
      percent(device.fraction(.anomaly)), percent(device.escalationRate), percent(device.edgeAccuracy),
      percent(device.hybridAccuracy), latency(.normal), latency(.ambiguous), latency(.anomaly),
      "\(device.statistics.bytesUploaded)", "\(device.statistics.summaryBytesUploaded)",
      "\(device.statistics.answered)", "\(device.statistics.queued)",
      "\(device.statistics.drained)", "\(device.queueDepth)",
    ]
  }

  /// A latency with three significant figures.
  static func milliseconds(_ value: Double) -> String { String(format: "%.3g", value) }
}
