/// Where each layer's weights (`outputs × inputs`, row-major) and bias sit in one flat parameter vector,
/// so that the optimizer, the gradient reduction and checkpoints work on a single contiguous array.
struct ParameterLayout: Equatable, Sendable {
  /// Widths from input to output: layer `l` maps `layerSizes[l]` values to `layerSizes[l + 1]`.
  let layerSizes: [Int]
  /// Offset of layer `l`'s weights.
  let weightOffsets: [Int]
  /// Offset of layer `l`'s bias.
  let biasOffsets: [Int]
  /// Total number of parameters.
  let count: Int

  init(layerSizes: [Int]) {
    precondition(layerSizes.count >= 2, "A network needs at least an input and an output size: \(layerSizes)")
    precondition(layerSizes.allSatisfy { $0 > 0 }, "Layer sizes must be positive: \(layerSizes)")
    self.layerSizes = layerSizes
    var weightOffsets: [Int] = []
    var biasOffsets: [Int] = []
    var offset = 0
    for l in 0..<layerSizes.count - 1 {
      weightOffsets.append(offset)
      offset += layerSizes[l] * layerSizes[l + 1]
      biasOffsets.append(offset)
      offset += layerSizes[l + 1]
    }
    self.weightOffsets = weightOffsets
    self.biasOffsets = biasOffsets
    self.count = offset
  }

  /// Number of dense layers.
  var layerCount: Int { layerSizes.count - 1 }
  /// Inputs of layer `l`.
  func inputs(_ l: Int) -> Int { layerSizes[l] }
  /// Outputs of layer `l`.
  func outputs(_ l: Int) -> Int { layerSizes[l + 1] }
}
