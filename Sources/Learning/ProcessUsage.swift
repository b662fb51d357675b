import Foundation

/// Processor time and peak memory of this process, for benchmarks that report what a run cost.
public struct ProcessUsage: Sendable {
  /// User plus system processor seconds so far, all threads.
  public var processorSeconds: Double
  /// Largest resident set size so far, in bytes.
  public var peakResidentBytes: Int

  /// This process's usage now.
  public static func current() -> ProcessUsage {
    var usage = rusage()
    #if canImport(Darwin)
      getrusage(RUSAGE_SELF, &usage)
      let residentUnit = 1
    #else
      getrusage(RUSAGE_SELF.rawValue, &usage)
      let residentUnit = 1024
    #endif
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) * 1e-6 }
    return ProcessUsage(
      processorSeconds: seconds(usage.ru_utime) + seconds(usage.ru_stime),
      peakResidentBytes: usage.ru_maxrss * residentUnit)
  }
}
