import Foundation
import Wire

/// Deterministic raw windows for requests.
enum TestWindows {
  /// A window of 300 values from a seeded generator, scaled by `amplitude`.
  static func window(seed: UInt64, amplitude: Float = 0.2) -> [Float] {
    var state = seed &+ 0x9E37_79B9_7F4A_7C15
    return (0..<300).map { _ in
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return (Float(state >> 40) / Float(1 << 24) - 0.5) * 2 * amplitude
    }
  }

  /// A `/classify` body as the lesson's firmware sends it (three fields).
  static func lessonBody(deviceID: String, features: [Float], edgeMSE: Double) -> Data {
    let values = features.map { "\($0)" }.joined(separator: ",")
    return Data(#"{"device_id":"\#(deviceID)","features":[\#(values)],"edge_mse":\#(edgeMSE)}"#.utf8)
  }
}
