import Foundation
import Synchronization

/// The device's sense of time: monotonic milliseconds for backoff and schedules, wall time for message
/// timestamps. The runtime reports each finished window, which is how virtual time advances in a fleet.
public protocol DeviceClock: Sendable {
  /// Monotonic milliseconds since the device started.
  var milliseconds: UInt64 { get }
  /// The wall-clock time now.
  var date: Date { get }
  /// A window of `seconds` of signal was read (a virtual clock moves on by it; a real one ignores it).
  func windowRead(seconds: Double)
}

/// Real time: the system's continuous clock and wall clock.
public struct SystemClock: DeviceClock {
  private let start = ContinuousClock.now

  /// A clock whose monotonic time starts now.
  public init() {}

  /// Milliseconds since `init`.
  public var milliseconds: UInt64 {
    let elapsed = ContinuousClock.now - start
    let (seconds, attoseconds) = elapsed.components
    return UInt64(max(0, seconds * 1000 + attoseconds / 1_000_000_000_000_000))
  }

  /// `Date()`.
  public var date: Date { Date() }

  /// The sensor paced the window in real time already.
  public func windowRead(seconds: Double) {}
}

/// Simulated time that moves only as windows are read: a fleet runs hours of machine time in seconds,
/// and backoff, OTA and status schedules follow the machines, not the host.
public final class VirtualClock: DeviceClock {
  private let elapsed = Atomic<UInt64>(0)
  private let epoch: Date

  /// A clock at 0 ms whose wall time starts at `epoch`.
  public init(epoch: Date = Date()) {
    self.epoch = epoch
  }

  /// Milliseconds of signal read so far.
  public var milliseconds: UInt64 { elapsed.load(ordering: .relaxed) }

  /// `epoch` plus the simulated time.
  public var date: Date { epoch.addingTimeInterval(Double(milliseconds) / 1000) }

  /// Moves time on by the window's duration.
  public func windowRead(seconds: Double) {
    elapsed.wrappingAdd(UInt64((seconds * 1000).rounded()), ordering: .relaxed)
  }
}
