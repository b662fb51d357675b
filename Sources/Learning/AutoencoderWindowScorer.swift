import EdgeCore

/// Scores one raw window at a time with every buffer allocated once: the server's per-request path.
///
/// It gives exactly the value `Autoencoder.reconstructionErrors(windows:)` gives for the same window (same
/// front-end, the same `(x − mean) / std` per value, the same kernels, the same sum), without the matrices,
/// workspace and closures that path allocates per call. One caller at a time: it may move between threads
/// (a pool hands it out), but must not be used by two at once.
public final class AutoencoderWindowScorer: @unchecked Sendable {
  /// The model it scores with.
  public let model: Autoencoder
  private var frontEnd: FrontEnd
  private let workspace: BackpropWorkspace
  private let means: [Float]
  private let stds: [Float]

  /// Buffers for `model`: its front-end, one row of each layer, and its per-feature scaling.
  public init(model: Autoencoder) {
    self.model = model
    frontEnd = FrontEnd(spec: model.frontEnd)
    workspace = BackpropWorkspace(
      layout: model.network.layout, activations: model.network.activations, capacity: 1)
    (means, stds) = model.standardizer.featureStatistics()
  }

  /// Values in one raw window.
  public var inputCount: Int { model.frontEnd.layout.valuesPerWindow }

  /// Mean squared reconstruction error of one raw window, in standardized units (the anomaly score).
  public func reconstructionError(window: UnsafeBufferPointer<Float>) -> Float {
    precondition(window.count == inputCount, "a window holds \(inputCount) values, got \(window.count)")
    let count = model.featureCount
    let input = UnsafeMutableBufferPointer(start: workspace.input, count: count)
    frontEnd.extract(window: window, into: input)
    means.withUnsafeBufferPointer { means in
      stds.withUnsafeBufferPointer { stds in
        for f in 0..<count { input[f] = (input[f] - means[f]) / stds[f] }
      }
    }
    model.network.parameters.withUnsafeBufferPointer {
      workspace.forward(parameters: $0.baseAddress!, rows: 1)
    }
    return meanSquaredError(
      UnsafeBufferPointer(input), UnsafeBufferPointer(start: workspace.output, count: count))
  }
}
