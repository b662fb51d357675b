import Foundation
import Learning
import Synchronization

/// The float cloud autoencoder as a `CloudScorer`: front-end → standardize → reconstruct → MSE.
public struct AutoencoderScorer: CloudScorer {
  /// The trained model (its front-end and standardizer travel with it).
  public let model: Autoencoder
  private let windowScorers: WindowScorerPool

  /// A scorer for a trained model.
  public init(model: Autoencoder) {
    self.model = model
    windowScorers = WindowScorerPool(model: model)
  }

  /// Loads the model file (safetensors, as `Autoencoder.save` writes it) of a registered cloud model.
  public static func load(card: CloudModelCard, weights: URL) throws -> any CloudScorer {
    AutoencoderScorer(model: try Autoencoder(contentsOf: weights))
  }

  /// Values in one raw window.
  public var inputCount: Int { model.frontEnd.layout.valuesPerWindow }

  /// Reconstruction error of each raw window.
  public func reconstructionErrors(_ windows: [[Float]]) -> [Double] {
    let width = inputCount
    var values = [Float]()
    values.reserveCapacity(windows.count * width)
    for window in windows {
      precondition(window.count == width, "a window holds \(width) values, got \(window.count)")
      values.append(contentsOf: window)
    }
    return model.reconstructionErrors(windows: Matrix(rows: windows.count, cols: width, values: values)).map(
      Double.init)
  }

  /// Reconstruction error of one raw window, with buffers reused across calls (the same value as the batch).
  public func reconstructionError(_ window: [Float]) -> Double {
    windowScorers.withScorer { scorer in
      Double(window.withUnsafeBufferPointer { scorer.reconstructionError(window: $0) })
    }
  }
}

/// Idle single-window scorers of one model, so that concurrent requests each borrow their own buffers
/// instead of allocating them per call; it grows to the number of requests scoring at the same moment.
final class WindowScorerPool: Sendable {
  private let model: Autoencoder
  private let idle = Mutex<[AutoencoderWindowScorer]>([])

  init(model: Autoencoder) {
    self.model = model
  }

  /// Runs `body` with a scorer nobody else uses meanwhile.
  func withScorer<Result>(_ body: (AutoencoderWindowScorer) -> Result) -> Result {
    let scorer = idle.withLock { $0.popLast() } ?? AutoencoderWindowScorer(model: model)
    defer { idle.withLock { $0.append(scorer) } }
    return body(scorer)
  }
}
