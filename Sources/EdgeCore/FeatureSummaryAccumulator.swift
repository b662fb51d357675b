/// Builds a `FeatureSummary` window by window over a reporting period; adding a window allocates nothing.
///
/// Per-axis mean and variance use Welford's streaming update in double precision (stable however long the
/// period); the peak frequency comes from the power spectrum (window mean removed) summed over the period.
public struct FeatureSummaryAccumulator: Sendable {
  /// The window shape this accumulator reads.
  public let layout: SignalLayout
  /// The MSE bins.
  public let histogram: FeatureSummaryHistogram
  private var fft: FFT
  private var sampleCount = 0
  private var means: [Double]
  private var squaredDeviations: [Double]
  private var binCounts: [UInt32]
  /// Summed power per axis and frequency bin: `axis * (samplesPerWindow / 2 + 1) + bin`.
  private var power: [Float]
  private var windowCount = 0
  private var real: [Float]
  private var imaginary: [Float]
  private var spectrumRe: [Float]
  private var spectrumIm: [Float]

  /// An empty accumulator for windows of `layout`, binning MSEs on `thresholds`.
  public init(layout: SignalLayout, thresholds: ZoneThresholds) {
    precondition(layout.samplesPerWindow >= 2 && layout.axes >= 1, "a summary needs windows of 2+ samples")
    self.layout = layout
    histogram = FeatureSummaryHistogram(thresholds: thresholds)
    fft = FFT(count: layout.samplesPerWindow)
    means = [Double](repeating: 0, count: layout.axes)
    squaredDeviations = [Double](repeating: 0, count: layout.axes)
    binCounts = [UInt32](repeating: 0, count: FeatureSummaryHistogram.binCount)
    power = [Float](repeating: 0, count: layout.axes * (layout.samplesPerWindow / 2 + 1))
    real = [Float](repeating: 0, count: layout.samplesPerWindow)
    imaginary = [Float](repeating: 0, count: layout.samplesPerWindow)
    spectrumRe = [Float](repeating: 0, count: layout.samplesPerWindow)
    spectrumIm = [Float](repeating: 0, count: layout.samplesPerWindow)
  }

  /// Adds one window (flat, sample-major interleaved, `layout.valuesPerWindow` values) and its edge MSE.
  public mutating func add(window: UnsafeBufferPointer<Float>, mse: Float) {
    precondition(window.count == layout.valuesPerWindow, "window length differs from the layout's")
    let axes = layout.axes
    let samples = layout.samplesPerWindow
    for sample in 0..<samples {
      sampleCount += 1
      let n = Double(sampleCount)
      for axis in 0..<axes {
        let x = Double(window[sample * axes + axis])
        let delta = x - means[axis]
        means[axis] += delta / n
        squaredDeviations[axis] += delta * (x - means[axis])
      }
    }
    for axis in 0..<axes { accumulateSpectrum(window, axis: axis) }
    binCounts[histogram.bin(for: mse)] &+= 1
    windowCount += 1
  }

  /// Adds one window held in an array (see the buffer version).
  public mutating func add(window: [Float], mse: Float) {
    window.withUnsafeBufferPointer { add(window: $0, mse: mse) }
  }

  /// The summary of every window added since the start or the last `reset` (zeros before the first).
  public func snapshot() -> FeatureSummary {
    let axes = layout.axes
    let bins = layout.samplesPerWindow / 2 + 1
    var peaks = [Float](repeating: 0, count: axes)
    if windowCount > 0 {
      for axis in 0..<axes {
        var best = 1
        for bin in 1..<bins where power[axis * bins + bin] > power[axis * bins + best] { best = bin }
        peaks[axis] = Float(best) * layout.sampleRateHz / Float(layout.samplesPerWindow)
      }
    }
    let count = Double(max(sampleCount, 1))
    return FeatureSummary(
      means: means.map { Float($0) }, variances: squaredDeviations.map { Float($0 / count) },
      histogram: binCounts, peakFrequenciesHz: peaks, windowCount: windowCount)
  }

  /// Starts a new reporting period.
  public mutating func reset() {
    sampleCount = 0
    windowCount = 0
    for i in means.indices {
      means[i] = 0
      squaredDeviations[i] = 0
    }
    for i in binCounts.indices { binCounts[i] = 0 }
    for i in power.indices { power[i] = 0 }
  }

  /// Adds the power spectrum of one axis of `window`, its mean removed, to `power`.
  private mutating func accumulateSpectrum(_ window: UnsafeBufferPointer<Float>, axis: Int) {
    let axes = layout.axes
    let samples = layout.samplesPerWindow
    var sum: Float = 0
    for sample in 0..<samples { sum += window[sample * axes + axis] }
    let mean = sum / Float(samples)
    for sample in 0..<samples { real[sample] = window[sample * axes + axis] - mean }
    real.withUnsafeBufferPointer { real in
      imaginary.withUnsafeBufferPointer { imaginary in
        spectrumRe.withUnsafeMutableBufferPointer { re in
          spectrumIm.withUnsafeMutableBufferPointer { im in
            fft.transform(inputRe: real, inputIm: imaginary, outputRe: re, outputIm: im)
          }
        }
      }
    }
    let bins = samples / 2 + 1
    for bin in 0..<bins {
      power[axis * bins + bin] += spectrumRe[bin] * spectrumRe[bin] + spectrumIm[bin] * spectrumIm[bin]
    }
  }
}
