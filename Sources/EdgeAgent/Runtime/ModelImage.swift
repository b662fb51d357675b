import EdgeCore

/// A model as the loop receives it: the `.tflite` bytes, its version, and the thresholds to use with it
/// (nil: those in the model's own metadata). Built into an `EdgeModel` by the loop between two windows.
public struct ModelImage: Sendable, Equatable {
  /// The `.tflite` file.
  public var payload: [UInt8]
  /// Its version.
  public var version: Int
  /// Thresholds that override the metadata's (from the signed manifest).
  public var thresholds: ZoneThresholds?

  /// An image.
  public init(payload: [UInt8], version: Int, thresholds: ZoneThresholds? = nil) {
    self.payload = payload
    self.version = version
    self.thresholds = thresholds
  }

  /// The model ready to run, or why these bytes are not one.
  func load() throws(ModelActivationError) -> LoadedModel {
    do {
      let model = try EdgeModel(bytes: payload)
      let inForce = thresholds ?? model.thresholds
      return LoadedModel(model: model, version: version, thresholds: inForce)
    } catch {
      throw ModelActivationError("model \(version) does not load: \(error)")
    }
  }
}

/// An `EdgeModel` the loop owns, with its version and thresholds in force.
final class LoadedModel {
  var model: EdgeModel
  let version: Int
  let thresholds: ZoneThresholds

  init(model: consuming EdgeModel, version: Int, thresholds: ZoneThresholds) {
    self.model = model
    self.version = version
    self.thresholds = thresholds
  }

  /// The edge MSE of each raw window.
  func mse(_ windows: [[Float]]) throws(ModelActivationError) -> [Float] {
    var values: [Float] = []
    for window in windows {
      guard window.count == model.layout.valuesPerWindow else {
        throw ModelActivationError(
          "self-test window has \(window.count) values, the model reads \(model.layout.valuesPerWindow)")
      }
      values.append(window.withUnsafeBufferPointer { model.evaluate(window: $0) }.mse)
    }
    return values
  }
}
