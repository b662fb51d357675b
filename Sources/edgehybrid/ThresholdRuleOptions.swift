import ArgumentParser
import Learning

/// How zone thresholds are fitted to training MSEs: μ + k·σ (the lesson) or quantiles.
struct ThresholdRuleOptions: ParsableArguments {
  @Option(help: "Threshold multiplier k_low in low = μ + k_low·σ.")
  var kLow = 2.0

  @Option(help: "Threshold multiplier k_high in high = μ + k_high·σ.")
  var kHigh = 4.0

  @Option(help: "Use quantiles of the training MSE instead of μ + kσ, e.g. 0.975,0.999.")
  var quantiles: String?

  func validate() throws {
    _ = try rule()
  }

  /// The rule the options describe.
  func rule() throws -> ThresholdRule {
    let rule: ThresholdRule
    if let quantiles {
      let values = quantiles.split(separator: ",").compactMap {
        Double($0.trimmingCharacters(in: .whitespaces))
      }
      guard values.count == 2 else {
        throw ValidationError("--quantiles takes two numbers, e.g. 0.975,0.999.")
      }
      rule = .quantile(low: values[0], high: values[1])
    } else {
      rule = .sigma(kLow: kLow, kHigh: kHigh)
    }
    do {
      try rule.validate()
    } catch {
      throw ValidationError(error.description)
    }
    return rule
  }
}
