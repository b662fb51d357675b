/// Turns one sensor window into the features a model sees, identically on the device and in training.
///
/// `raw` copies the window (sample-major, interleaved). `spectral` gives, per axis, the log amplitude
/// spectrum of the mean-removed, Hann-windowed samples for bins 0…N/2, axis-major:
/// `[x bins…, y bins…, z bins…]`. Amplitudes are normalized so that a sine of amplitude A exactly on
/// bin k reads A at bin k (a constant or Nyquist-rate component of amplitude A reads A at bin 0 or N/2),
/// then mapped through `log(amplitude + spectralFloor)`. All buffers are allocated at init; `extract`
/// allocates nothing as long as this value is not shared with a copy (copies share scratch storage until
/// one of them extracts, which then copies it once).
public struct FrontEnd: Sendable {
  /// Added to every amplitude before the logarithm, in the window's units (g): 1e-4 g lies below the
  /// MPU6050's per-bin noise (≈ 400 µg/√Hz), so it only keeps silent bins finite and does not hide signal.
  public static let spectralFloor: Float = 1e-4

  /// Which front-end, over which window layout.
  public let spec: FrontEndSpec
  /// Periodic Hann window w[n] = sin²(π·n/N) (empty for `raw`).
  private let window: [Float]
  /// Per-bin factor that turns a DFT magnitude into a sine amplitude: 2/Σw, or 1/Σw at DC and Nyquist.
  private let binScale: [Float]
  /// Zeros: the imaginary part of the real input.
  private let zeros: [Float]
  private var fft: FFT
  private var samples: [Float]
  private var spectrumRe: [Float]
  private var spectrumIm: [Float]

  /// Prepares the front-end of `spec`: window, bin scales and FFT plan for `spectral`.
  public init(spec: FrontEndSpec) {
    precondition(
      spec.layout.samplesPerWindow >= 1 && spec.layout.axes >= 1, "a window needs samples and axes")
    self.spec = spec
    let n = spec.kind == .spectral ? spec.layout.samplesPerWindow : 0
    var window = [Float](repeating: 1, count: n)
    if n > 1 {
      for i in 0..<n {
        let s = EdgeMath.sinPi(Double(i) / Double(n))
        window[i] = Float(s * s)
      }
    }
    var windowSum: Double = 0
    for w in window { windowSum += Double(w) }
    let bins = n == 0 ? 0 : spec.binsPerAxis
    var binScale = [Float](repeating: 0, count: bins)
    for k in 0..<bins {
      let edge = k == 0 || 2 * k == n
      binScale[k] = Float((edge ? 1 : 2) / windowSum)
    }
    self.window = window
    self.binScale = binScale
    zeros = [Float](repeating: 0, count: n)
    fft = FFT(count: max(n, 1))
    samples = [Float](repeating: 0, count: n)
    spectrumRe = [Float](repeating: 0, count: n)
    spectrumIm = [Float](repeating: 0, count: n)
  }

  /// Number of features per window (`spec.featureCount`).
  public var featureCount: Int { spec.featureCount }

  /// Features of one window into caller storage; no allocation per call.
  public mutating func extract(
    window input: UnsafeBufferPointer<Float>, into features: UnsafeMutableBufferPointer<Float>
  ) {
    precondition(
      input.count == spec.layout.valuesPerWindow, "window must hold samplesPerWindow × axes values")
    precondition(features.count == featureCount, "feature buffer must hold featureCount values")
    switch spec.kind {
    case .raw:
      for i in 0..<input.count { features[i] = input[i] }
    case .spectral:
      for axis in 0..<spec.layout.axes {
        spectrum(of: input, axis: axis, into: features)
      }
    }
  }

  /// The log amplitude spectrum of one axis into its block of `features`.
  private mutating func spectrum(
    of input: UnsafeBufferPointer<Float>, axis: Int, into features: UnsafeMutableBufferPointer<Float>
  ) {
    let n = spec.layout.samplesPerWindow
    let axes = spec.layout.axes
    var sum: Float = 0
    for i in 0..<n { sum += input[i * axes + axis] }
    let mean = sum / Float(n)
    window.withUnsafeBufferPointer { window in
      samples.withUnsafeMutableBufferPointer { samples in
        for i in 0..<n { samples[i] = (input[i * axes + axis] - mean) * window[i] }
      }
    }
    samples.withUnsafeBufferPointer { samples in
      zeros.withUnsafeBufferPointer { zeros in
        spectrumRe.withUnsafeMutableBufferPointer { re in
          spectrumIm.withUnsafeMutableBufferPointer { im in
            fft.transform(inputRe: samples, inputIm: zeros, outputRe: re, outputIm: im)
          }
        }
      }
    }
    let bins = spec.binsPerAxis
    let floor = FrontEnd.spectralFloor
    binScale.withUnsafeBufferPointer { scale in
      spectrumRe.withUnsafeBufferPointer { re in
        spectrumIm.withUnsafeBufferPointer { im in
          for k in 0..<bins {
            let amplitude = EdgeMath.squareRoot(re[k] * re[k] + im[k] * im[k]) * scale[k]
            features[axis * bins + k] = EdgeMath.log(amplitude + floor)
          }
        }
      }
    }
  }
}
