import EdgeCore
import Foundation
import Learning
import Testing

@Suite struct ThresholdsDocumentTests {
  @Test func sigmaRuleIsMuPlusKTimesPopulationSigma() throws {
    let mse: [Float] = [1, 2, 3, 4, 5, 6, 7, 8]
    let document = try ThresholdsDocument(fitting: mse, version: 3)
    let sigma = (42.0 / 8).squareRoot()
    #expect(document.mu == 4.5)
    #expect(abs(document.sigma - sigma) < 1e-12)
    #expect(abs(document.lowThreshold - (4.5 + 2 * sigma)) < 1e-12)
    #expect(abs(document.highThreshold - (4.5 + 4 * sigma)) < 1e-12)
    #expect(document.kLow == 2 && document.kHigh == 4 && document.method == .sigma && document.version == 3)
  }

  @Test func sigmaIsThePopulationStandardDeviationAndMultipliersAreConfigurable() throws {
    let document = try ThresholdsDocument(fitting: [0, 2], rule: .sigma(kLow: 1, kHigh: 3), version: 1)
    #expect(document.sigma == 1)
    #expect(document.lowThreshold == 2)
    #expect(document.highThreshold == 4)
  }

  @Test func quantilesInterpolateLinearlyBetweenOrderStatistics() throws {
    let distribution = try MSEDistribution([100, 8, 1, 4, 2])
    #expect(distribution.quantile(0) == 1)
    #expect(distribution.quantile(0.5) == 4)
    #expect(abs(distribution.quantile(0.9) - 63.2) < 1e-12)
    #expect(distribution.quantile(1) == 100)
  }

  @Test func quantileRuleCutsTheRequestedShareOfASkewedSample() throws {
    // Exponential-like MSEs: a long right tail, where μ + 2σ and the 97.5 % quantile disagree.
    var state: UInt64 = 12_345
    let mse: [Float] = (0..<10_000).map { _ in
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let uniform = Double(state >> 11) / Double(1 << 53)
      return Float(-log(1 - uniform))
    }
    let document = try ThresholdsDocument(fitting: mse, rule: .defaultQuantiles, version: 2)
    let below = Double(mse.filter { Double($0) <= document.lowThreshold }.count) / Double(mse.count)
    let belowHigh = Double(mse.filter { Double($0) <= document.highThreshold }.count) / Double(mse.count)
    #expect(abs(below - 0.975) <= 2e-4)
    #expect(abs(belowHigh - 0.999) <= 2e-4)
    #expect(document.method == .quantile && document.quantileLow == 0.975 && document.quantileHigh == 0.999)
    #expect(abs(document.kLow - (document.lowThreshold - document.mu) / document.sigma) < 1e-12)
    let sigmaRule = try ThresholdsDocument(fitting: mse, version: 2)
    let belowSigma = Double(mse.filter { Double($0) <= sigmaRule.lowThreshold }.count) / Double(mse.count)
    #expect(abs(belowSigma - 0.975) > 0.01, "the sigma rule should miss the quantile on a skewed sample")
  }

  @Test func badInputsAreRejectedWithTheirReason() {
    #expect(throws: ThresholdError.emptyDistribution) { try ThresholdsDocument(fitting: [], version: 1) }
    #expect(throws: ThresholdError.nonFiniteMSE(index: 1, value: .infinity)) {
      try ThresholdsDocument(fitting: [1, .infinity], version: 1)
    }
    #expect(throws: ThresholdError.invalidMultipliers(kLow: 4, kHigh: 2)) {
      try ThresholdsDocument(fitting: [1], rule: .sigma(kLow: 4, kHigh: 2), version: 1)
    }
    #expect(throws: ThresholdError.invalidQuantiles(low: 0.5, high: 1.5)) {
      try ThresholdsDocument(fitting: [1], rule: .quantile(low: 0.5, high: 1.5), version: 1)
    }
    #expect(ThresholdError.invalidQuantiles(low: 0.5, high: 1.5).description.contains("[0, 1]"))
  }

  @Test func jsonUsesExactlyTheDesignKeysAndRoundTrips() throws {
    let sigma = try ThresholdsDocument(fitting: [1, 2, 3, 5], version: 3)
    let sigmaKeys = try #require(try JSONSerialization.jsonObject(with: sigma.jsonData()) as? [String: Any])
      .keys
    #expect(
      Set(sigmaKeys) == [
        "version", "low_threshold", "high_threshold", "mu", "sigma", "k_low", "k_high", "method",
      ])
    #expect(try ThresholdsDocument(jsonData: sigma.jsonData(), source: "memory") == sigma)

    let quantile = try ThresholdsDocument(fitting: [1, 2, 3, 5], rule: .defaultQuantiles, version: 4)
    let quantileObject = try #require(
      try JSONSerialization.jsonObject(with: quantile.jsonData()) as? [String: Any])
    #expect(Set(quantileObject.keys) == Set(sigmaKeys).union(["quantile_low", "quantile_high"]))
    #expect(quantileObject["method"] as? String == "quantile")
    #expect(try ThresholdsDocument(jsonData: quantile.jsonData(), source: "memory") == quantile)
  }

  @Test func theLessonServersDocumentWithoutMethodReadsAsSigma() throws {
    let json =
      #"{"version":3,"low_threshold":0.015,"high_threshold":0.045,"mu":0.005,"sigma":0.005,"k_low":2,"k_high":4}"#
    let document = try ThresholdsDocument(jsonData: Data(json.utf8), source: "lesson")
    #expect(document.method == .sigma)
    #expect(try document.zoneThresholds() == ZoneThresholds(low: 0.015, high: 0.045))
  }

  @Test func fileRoundTripsAndBadFilesNameTheFileAndProblem() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "thresholds-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("thresholds.json")
    let document = try ThresholdsDocument(fitting: [0.01, 0.02, 0.04], version: 7)
    try document.write(to: url)
    #expect(try ThresholdsDocument(contentsOf: url) == document)

    let missing = directory.appendingPathComponent("broken.json")
    try Data(#"{"version":1,"low_threshold":1,"high_threshold":2,"mu":0,"k_low":2,"k_high":4}"#.utf8).write(
      to: missing)
    let error = #expect(throws: ThresholdsFileError.self) { try ThresholdsDocument(contentsOf: missing) }
    #expect(error?.description.contains("broken.json") == true)
    #expect(error?.description.contains("missing key 'sigma'") == true)

    let inverted = directory.appendingPathComponent("inverted.json")
    try Data(
      #"{"version":1,"low_threshold":3,"high_threshold":2,"mu":0,"sigma":1,"k_low":2,"k_high":4}"#.utf8
    )
    .write(to: inverted)
    let invertedError = #expect(throws: ThresholdsFileError.self) {
      try ThresholdsDocument(contentsOf: inverted)
    }
    #expect(invertedError?.problem.contains("low ≤ high") == true)

    let absent = #expect(throws: ThresholdsFileError.self) {
      try ThresholdsDocument(contentsOf: directory.appendingPathComponent("absent.json"))
    }
    #expect(absent?.description.contains("cannot read") == true)
  }
}
