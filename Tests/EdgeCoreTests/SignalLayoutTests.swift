import EdgeCore
import Testing

@Suite struct SignalLayoutTests {
  @Test func lessonWindowHasThreeHundredValues() {
    #expect(SignalLayout.lesson.valuesPerWindow == 300)
  }

  @Test func spectralFrontEndHasOneBinPerFrequencyUpToNyquistPerAxis() {
    let spec = FrontEndSpec(kind: .spectral, layout: SignalLayout(samplesPerWindow: 100, axes: 3, sampleRateHz: 200))
    #expect(spec.binsPerAxis == 51)
    #expect(spec.featureCount == 153)
    #expect(FrontEndSpec(kind: .raw).featureCount == 300)
  }

}
