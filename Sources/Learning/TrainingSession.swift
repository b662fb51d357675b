/// The mutable state of one training run: parameters, Adam moments, and per-half scratch and gradients.
///
/// Every minibatch is split into two fixed halves; each half computes its gradient into its own buffer,
/// the optimizer adds them in a fixed order (half 0 + half 1), and each thread updates a fixed half of the
/// parameters. Results therefore do not depend on thread timing or on the thread count.
final class TrainingSession {
  let layout: ParameterLayout
  let activations: [Activation]
  let optimizer: Adam
  let runner: PairRunner
  /// Current weights and biases.
  let parameters: UnsafeMutablePointer<Float>
  private let firstMoment: UnsafeMutablePointer<Float>
  private let secondMoment: UnsafeMutablePointer<Float>
  private let halfGradients: [UnsafeMutablePointer<Float>]
  private let workspaces: [BackpropWorkspace]
  private let targetRows: [UnsafeMutablePointer<Float>]
  /// Squared-error sums of the two halves of the last pass (one slot per thread, so no shared writes).
  private let halfSums: UnsafeMutablePointer<Double>
  private var step = 0

  init(network: DenseNetwork, optimizer: Adam, batchSize: Int, threads: Int) {
    precondition(batchSize >= 1, "Batch size must be at least 1, got \(batchSize)")
    layout = network.layout
    activations = network.activations
    self.optimizer = optimizer
    runner = PairRunner(threads: threads)
    let count = layout.count
    let parameters = UnsafeMutablePointer<Float>.allocate(capacity: count)
    network.parameters.withUnsafeBufferPointer { parameters.initialize(from: $0.baseAddress!, count: count) }
    self.parameters = parameters
    firstMoment = .allocate(capacity: count)
    firstMoment.initialize(repeating: 0, count: count)
    secondMoment = .allocate(capacity: count)
    secondMoment.initialize(repeating: 0, count: count)
    halfGradients = (0..<2).map { _ in .allocate(capacity: count) }
    let capacity = max((batchSize + 1) / 2, DenseNetwork.inferenceChunk)
    workspaces = (0..<2).map { _ in
      BackpropWorkspace(layout: network.layout, activations: network.activations, capacity: capacity)
    }
    targetRows = (0..<2).map { _ in .allocate(capacity: capacity * network.outputCount) }
    halfSums = .allocate(capacity: 2)
    halfSums.initialize(repeating: 0, count: 2)
  }

  deinit {
    for buffer in [parameters, firstMoment, secondMoment] + halfGradients + targetRows { buffer.deallocate() }
    halfSums.deallocate()
  }

  /// The network with the current parameters.
  var network: DenseNetwork {
    DenseNetwork(layout: layout, activations: activations, parameters: snapshot())
  }

  /// A copy of the current parameters (for restoring the best epoch).
  func snapshot() -> [Float] {
    Array(UnsafeBufferPointer(start: parameters, count: layout.count))
  }

  /// Puts back parameters taken by `snapshot()`.
  func restore(_ saved: [Float]) {
    saved.withUnsafeBufferPointer { parameters.update(from: $0.baseAddress!, count: layout.count) }
  }

  /// One Adam step on the samples `batch` (row indices into `data`); returns their summed squared error
  /// before the update.
  func trainBatch(_ batch: ArraySlice<Int>, of data: TrainingDataPointers) -> Double {
    let sumOfSquares = computeHalfGradients(batch, of: data)
    step += 1
    let alpha = optimizer.stepSize(step: step)
    let middle = layout.count / 2
    runner.run { h in
      optimizer.update(
        h == 0 ? 0..<middle : middle..<layout.count, parameters: parameters, firstMoment: firstMoment,
        secondMoment: secondMoment, first: halfGradients[0], second: halfGradients[1], stepSize: alpha)
    }
    return sumOfSquares
  }

  /// The gradient of the mean squared error over `batch` (half 0 + half 1, summed as training sums them)
  /// and that error; for checking gradients.
  func gradient(_ batch: ArraySlice<Int>, of data: TrainingDataPointers) -> (loss: Double, gradient: [Float])
  {
    let sumOfSquares = computeHalfGradients(batch, of: data)
    let gradient = (0..<layout.count).map { halfGradients[0][$0] + halfGradients[1][$0] }
    return (sumOfSquares / Double(batch.count * data.targetWidth), gradient)
  }

  /// Both halves' forward and backward passes; returns the batch's summed squared error.
  private func computeHalfGradients(_ batch: ArraySlice<Int>, of data: TrainingDataPointers) -> Double {
    let half = (batch.count + 1) / 2
    let scale = 2 / Float(batch.count * data.targetWidth)
    runner.run { h in
      halfSums[h] = Double(
        halfGradient(h, rows: h == 0 ? batch.prefix(half) : batch.dropFirst(half), of: data, scale: scale))
    }
    return halfSums[0] + halfSums[1]
  }

  /// Mean squared error of the current network over all rows of `data`, computed in two fixed halves.
  func meanSquaredError(_ data: TrainingDataPointers) -> Double {
    let middle = (data.count + 1) / 2
    runner.run { h in
      let workspace = workspaces[h]
      var start = h == 0 ? 0 : middle
      let end = h == 0 ? middle : data.count
      var sum = 0.0
      while start < end {
        let rows = min(workspace.capacity, end - start)
        workspace.input.update(from: data.inputs + start * data.inputWidth, count: rows * data.inputWidth)
        workspace.forward(parameters: parameters, rows: rows)
        sum += Double(workspace.squaredError(target: data.targets + start * data.targetWidth, rows: rows))
        start += rows
      }
      halfSums[h] = sum
    }
    return (halfSums[0] + halfSums[1]) / Double(data.count * data.targetWidth)
  }

  /// Forward and backward pass of one half-batch; writes its gradient share and returns its squared error.
  private func halfGradient(_ h: Int, rows: ArraySlice<Int>, of data: TrainingDataPointers, scale: Float)
    -> Float
  {
    let workspace = workspaces[h]
    let gradient = halfGradients[h]
    if rows.isEmpty {
      gradient.update(repeating: 0, count: layout.count)
      return 0
    }
    let target = data.hasTargets ? targetRows[h] : workspace.input
    for (r, index) in rows.enumerated() {
      (workspace.input + r * data.inputWidth).update(
        from: data.inputs + index * data.inputWidth, count: data.inputWidth)
      if data.hasTargets {
        (target + r * data.targetWidth).update(
          from: data.targets + index * data.targetWidth, count: data.targetWidth)
      }
    }
    workspace.forward(parameters: parameters, rows: rows.count)
    return workspace.backward(
      parameters: parameters, target: target, rows: rows.count, gradientScale: scale, gradients: gradient)
  }
}

/// Raw access to a `TrainingData`'s rows while a training call keeps the matrices alive.
struct TrainingDataPointers {
  let inputs: UnsafePointer<Float>
  let targets: UnsafePointer<Float>
  let hasTargets: Bool
  let count: Int
  let inputWidth: Int
  let targetWidth: Int
}

extension TrainingData {
  /// Calls `body` with pointers to the rows (targets point at the inputs for an autoencoder).
  func withPointers<R>(_ body: (TrainingDataPointers) -> R) -> R {
    inputs.values.withUnsafeBufferPointer { inputBuffer in
      let inputBase = inputBuffer.baseAddress ?? UnsafePointer(bitPattern: MemoryLayout<Float>.alignment)!
      guard let targets else {
        return body(
          TrainingDataPointers(
            inputs: inputBase, targets: inputBase, hasTargets: false, count: count, inputWidth: inputs.cols,
            targetWidth: inputs.cols))
      }
      return targets.values.withUnsafeBufferPointer { targetBuffer in
        body(
          TrainingDataPointers(
            inputs: inputBase, targets: targetBuffer.baseAddress ?? inputBase, hasTargets: true, count: count,
            inputWidth: inputs.cols, targetWidth: targets.cols))
      }
    }
  }
}
