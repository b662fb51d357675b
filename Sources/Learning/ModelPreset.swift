/// A named autoencoder shape: the hidden layer widths between the input and the reconstruction.
public struct ModelPreset: Equatable, Hashable, Sendable {
  /// The name stored in the model's metadata and used on the command line.
  public var name: String
  /// Hidden layer widths, input side first.
  public var hiddenSizes: [Int]

  /// A preset; any name and hidden widths (all positive) are allowed.
  public init(name: String, hiddenSizes: [Int]) {
    precondition(hiddenSizes.allSatisfy { $0 > 0 }, "Hidden layer sizes must be positive: \(hiddenSizes)")
    self.name = name
    self.hiddenSizes = hiddenSizes
  }

  /// The lesson's device model: 300-16-8-16-300 on raw windows, ~10 k parameters (~12 KB as int8).
  public static let edge = ModelPreset(name: "edge", hiddenSizes: [16, 8, 16])
  /// The server model: 300-72-36-18-36-72-300 on raw windows, ~50 k parameters (~200 KB as float32).
  public static let cloud = ModelPreset(name: "cloud", hiddenSizes: [72, 36, 18, 36, 72])

  /// `edge` or `cloud` by name.
  public init?(named name: String) {
    guard let preset = [Self.edge, Self.cloud].first(where: { $0.name == name }) else { return nil }
    self = preset
  }

  /// Full layer widths for `featureCount` inputs: features, hidden widths, features.
  public func layerSizes(featureCount: Int) -> [Int] {
    [featureCount] + hiddenSizes + [featureCount]
  }
}
