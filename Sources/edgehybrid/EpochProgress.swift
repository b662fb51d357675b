import Foundation
import Learning

/// The per-epoch training line: rewritten in place on a terminal, every tenth epoch in a log.
struct EpochProgress {
  /// Printed before the numbers, e.g. "edge".
  var label: String
  private let isTerminal = isatty(STDOUT_FILENO) != 0

  init(label: String) { self.label = label }

  /// Shows one finished epoch.
  func show(_ report: EpochReport) {
    let width = 24
    let done = width * report.epoch / max(report.totalEpochs, 1)
    let bar = String(repeating: "█", count: done) + String(repeating: "·", count: width - done)
    let validation = report.validationLoss.map { String(format: "  val %.5f", $0) } ?? ""
    let epoch = String(format: "epoch %3d/%d  loss %.5f", report.epoch, report.totalEpochs, report.trainLoss)
    let line = "\(label) \(bar) \(epoch)\(validation)  " + String(format: "%.2f s", report.seconds)
    if isTerminal {
      let end = report.epoch == report.totalEpochs ? "\n" : ""
      FileHandle.standardOutput.write(Data(("\r" + line + end).utf8))
    } else if report.epoch % 10 == 0 || report.epoch == report.totalEpochs || report.epoch == 1 {
      print(line)
    }
  }

  /// Ends the line after early stopping, which leaves the bar short of its end.
  func finish(stoppedEarly: Bool) {
    if isTerminal && stoppedEarly { FileHandle.standardOutput.write(Data("\n".utf8)) }
  }
}
