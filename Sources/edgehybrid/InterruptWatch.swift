import Dispatch
import Foundation

/// Turns Ctrl-C (SIGINT) into a call, so a long-running command can stop its work and still clean up and report.
final class InterruptWatch {
  private let source: any DispatchSourceSignal

  /// Calls `onInterrupt` on each SIGINT until `stop()`; the default action (killing the process) is off meanwhile.
  init(onInterrupt: @escaping @Sendable () -> Void) {
    signal(SIGINT, SIG_IGN)
    source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    source.setEventHandler(handler: onInterrupt)
    source.resume()
  }

  /// Stops watching and gives SIGINT its default action back.
  func stop() {
    source.cancel()
    signal(SIGINT, SIG_DFL)
  }
}
