import EdgeCore
import Foundation
import Testing

@Suite struct FrontEndTests {
  /// A window with one sine per axis (amplitude, bin) on top of a constant offset, sample-major interleaved.
  private func sineWindow(layout: SignalLayout, tones: [(amplitude: Float, bin: Int)], offset: Float)
    -> [Float]
  {
    let n = layout.samplesPerWindow
    var window = [Float](repeating: 0, count: layout.valuesPerWindow)
    for i in 0..<n {
      for (axis, tone) in tones.enumerated() {
        let frequencyHz = Double(tone.bin) * Double(layout.sampleRateHz) / Double(n)
        let t = Double(i) / Double(layout.sampleRateHz)
        window[i * layout.axes + axis] =
          offset + tone.amplitude * Float(sin(2 * Double.pi * frequencyHz * t + 0.3))
      }
    }
    return window
  }

  /// The amplitude a spectral feature stands for.
  private func amplitude(_ feature: Float) -> Float { Float(exp(Double(feature))) - FrontEnd.spectralFloor }

  @Test func rawFrontEndCopiesTheWindow() {
    var frontEnd = FrontEnd(spec: FrontEndSpec(kind: .raw))
    let window = (0..<300).map { Float($0) * 0.01 - 1 }
    #expect(frontEnd.featureCount == 300)
    #expect(extractFeatures(&frontEnd, window) == window)
  }

  @Test func sineOnABinReadsItsAmplitudeAtThatBinAtOneKilohertzWithTwoAxes() throws {
    let layout = SignalLayout(samplesPerWindow: 250, axes: 2, sampleRateHz: 1000)
    var frontEnd = FrontEnd(spec: FrontEndSpec(kind: .spectral, layout: layout))
    let bins = layout.samplesPerWindow / 2 + 1
    #expect(frontEnd.featureCount == 2 * bins)
    let tones: [(amplitude: Float, bin: Int)] = [(0.3, 12), (0.05, 40)]
    let features = extractFeatures(&frontEnd, sineWindow(layout: layout, tones: tones, offset: 1))
    for (axis, tone) in tones.enumerated() {
      let block = Array(features[(axis * bins)..<((axis + 1) * bins)])
      #expect(abs(amplitude(block[tone.bin]) - tone.amplitude) <= 1e-5, "axis \(axis) peak")
      // The Hann window spreads half the amplitude into each neighbour and nothing further.
      #expect(abs(amplitude(block[tone.bin - 1]) - tone.amplitude / 2) <= 1e-5, "axis \(axis) left neighbour")
      #expect(
        abs(amplitude(block[tone.bin + 1]) - tone.amplitude / 2) <= 1e-5, "axis \(axis) right neighbour")
      for k in 0..<bins where abs(k - tone.bin) > 1 {
        #expect(amplitude(block[k]) <= 1e-5, "axis \(axis) bin \(k) should be empty")
      }
    }
  }

  @Test func lessonWindowPutsEachAxisInItsOwnBlockOfFiftyOneBins() {
    let layout = SignalLayout.lesson
    var frontEnd = FrontEnd(spec: FrontEndSpec(kind: .spectral, layout: layout))
    let tones: [(amplitude: Float, bin: Int)] = [(0.1, 5), (0.2, 10), (0.4, 20)]
    let features = extractFeatures(&frontEnd, sineWindow(layout: layout, tones: tones, offset: 0))
    #expect(features.count == 153)
    for (axis, tone) in tones.enumerated() {
      let block = features[(axis * 51)..<((axis + 1) * 51)]
      #expect(block.indices.max { block[$0] < block[$1] } == axis * 51 + tone.bin)
      #expect(abs(amplitude(block[axis * 51 + tone.bin]) - tone.amplitude) <= 1e-5)
    }
  }

  @Test func nyquistRateAlternationReadsItsAmplitudeAtTheLastBin() {
    let layout = SignalLayout(samplesPerWindow: 64, axes: 1, sampleRateHz: 200)
    var frontEnd = FrontEnd(spec: FrontEndSpec(kind: .spectral, layout: layout))
    let window = (0..<64).map { Float($0 % 2 == 0 ? 0.25 : -0.25) }
    let features = extractFeatures(&frontEnd, window)
    #expect(abs(amplitude(features[32]) - 0.25) <= 1e-5)
  }

  @Test func constantWindowGivesTheLogOfTheFloorEverywhere() {
    let layout = SignalLayout(samplesPerWindow: 99, axes: 3, sampleRateHz: 200)
    var frontEnd = FrontEnd(spec: FrontEndSpec(kind: .spectral, layout: layout))
    let features = extractFeatures(&frontEnd, [Float](repeating: 0.75, count: layout.valuesPerWindow))
    #expect(features.count == 3 * 50)
    for feature in features { #expect(abs(feature - EdgeMath.log(FrontEnd.spectralFloor)) <= 1e-3) }
  }

  @Test func spectralFeaturesMatchAnIndependentDoublePrecisionComputation() {
    let layout = SignalLayout(samplesPerWindow: 100, axes: 3, sampleRateHz: 200)
    var frontEnd = FrontEnd(spec: FrontEndSpec(kind: .spectral, layout: layout))
    var generator = SplitMix64(seed: 42)
    let window = (0..<300).map { _ in Float.random(in: -2...2, using: &generator) }
    let features = extractFeatures(&frontEnd, window)
    let n = 100
    for axis in 0..<3 {
      let samples = (0..<n).map { Double(window[$0 * 3 + axis]) }
      let mean = samples.reduce(0, +) / Double(n)
      let hann = (0..<n).map { 0.5 - 0.5 * cos(2 * Double.pi * Double($0) / Double(n)) }
      for k in 0...50 {
        var re = 0.0
        var im = 0.0
        for i in 0..<n {
          let angle = -2 * Double.pi * Double(k * i % n) / Double(n)
          re += (samples[i] - mean) * hann[i] * cos(angle)
          im += (samples[i] - mean) * hann[i] * sin(angle)
        }
        let scale = (k == 0 || k == 50 ? 1.0 : 2.0) / (Double(n) / 2)
        let expected = log(hypot(re, im) * scale + Double(FrontEnd.spectralFloor))
        #expect(abs(Double(features[axis * 51 + k]) - expected) <= 1e-4, "axis \(axis) bin \(k)")
      }
    }
  }

  @Test func repeatedExtractionReusesItsScratchAndGivesIdenticalResults() {
    var frontEnd = FrontEnd(spec: FrontEndSpec(kind: .spectral))
    var generator = SplitMix64(seed: 3)
    let first = (0..<300).map { _ in Float.random(in: -1...1, using: &generator) }
    let second = (0..<300).map { _ in Float.random(in: -1...1, using: &generator) }
    let a = extractFeatures(&frontEnd, first)
    var copy = frontEnd
    let b = extractFeatures(&frontEnd, second)
    let c = extractFeatures(&copy, first)
    let d = extractFeatures(&frontEnd, first)
    #expect(a == c)
    #expect(a == d)
    #expect(a != b)
  }
}
