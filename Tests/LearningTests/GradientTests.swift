import Testing

@testable import Learning

/// Backpropagation (as training runs it: two half-batches, summed) against central finite differences of
/// an independent double-precision forward pass.
@Suite struct GradientTests {
  /// Mean squared error of `network`'s shape with parameters `p`, in Double, written from scratch.
  static func referenceLoss(_ network: DenseNetwork, _ p: [Double], _ data: TrainingData) -> Double {
    let layout = network.layout
    let targets = data.targets ?? data.inputs
    var total = 0.0
    for r in 0..<data.count {
      var h = data.inputs.row(r).map(Double.init)
      for l in 0..<layout.layerCount {
        h = (0..<layout.outputs(l)).map { o in
          var z = p[layout.biasOffsets[l] + o]
          for i in 0..<layout.inputs(l) { z += p[layout.weightOffsets[l] + o * layout.inputs(l) + i] * h[i] }
          return network.activations[l] == .relu ? max(z, 0) : z
        }
      }
      for (o, y) in zip(h, targets.row(r)) { total += (o - Double(y)) * (o - Double(y)) }
    }
    return total / Double(data.count * targets.cols)
  }

  /// Checks at random weights *and biases*: with zero biases a dead layer puts later pre-activations exactly
  /// on ReLU's kink, where finite differences see half a slope.
  static func check(_ initialized: DenseNetwork, _ data: TrainingData, threads: Int) {
    var network = initialized
    network.parameters = randomMatrix(rows: 1, cols: network.parameterCount, seed: 19, scale: 0.6).values
    let session = TrainingSession(
      network: network, optimizer: Adam(), batchSize: data.count, threads: threads)
    let (loss, gradient) = data.withPointers { session.gradient(Array(0..<data.count)[...], of: $0) }
    let p = network.parameters.map(Double.init)
    #expect(abs(loss - referenceLoss(network, p, data)) <= 1e-5 * max(1, loss))
    let h = 1e-6
    for i in 0..<p.count {
      var plus = p
      var minus = p
      plus[i] += h
      minus[i] -= h
      let numeric = (referenceLoss(network, plus, data) - referenceLoss(network, minus, data)) / (2 * h)
      #expect(
        abs(Double(gradient[i]) - numeric) <= 1e-4 + 1e-3 * abs(numeric),
        "parameter \(i): backprop \(gradient[i]), finite difference \(numeric)")
    }
  }

  @Test(arguments: [1, 2])
  func autoencoderGradientMatchesFiniteDifferences(threads: Int) {
    let network = DenseNetwork(layerSizes: [6, 5, 3, 5, 6], seed: 11)
    Self.check(network, TrainingData(inputs: randomMatrix(rows: 7, cols: 6, seed: 12)), threads: threads)
  }

  @Test func gradientWithSeparateTargetsAndReLUOutputMatchesFiniteDifferences() {
    let network = DenseNetwork(layerSizes: [9, 4, 3], outputActivation: .relu, seed: 13)
    let data = TrainingData(
      inputs: randomMatrix(rows: 5, cols: 9, seed: 14), targets: randomMatrix(rows: 5, cols: 3, seed: 15))
    Self.check(network, data, threads: 2)
  }

  @Test func singleRowBatchLeavesSecondHalfEmptyAndStillMatches() {
    let network = DenseNetwork(layerSizes: [4, 3, 4], hiddenActivation: .linear, seed: 16)
    Self.check(network, TrainingData(inputs: randomMatrix(rows: 1, cols: 4, seed: 17)), threads: 2)
  }
}
