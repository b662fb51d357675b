/// How severity becomes physical amplitude, in one place so that it can be read, checked and changed.
///
/// Harmonic faults add vibration whose velocity is `severity × fullSeverityVelocityMMs` (7.1 mm/s RMS)
/// times a per-line share: imbalance 1.0 at radial 1× (0.1 axial); misalignment 0.45 at axial 1×,
/// 0.25 at axial 2×, 0.25 at radial 2×, 0.1 at radial 1×; looseness `loosenessLineShare` spread over
/// 0.5×…6× as 1/order (vertical; 0.5 of it horizontal, 0.2 axial) plus one-sided clipping and
/// impacts from severity `loosenessClipOnset` on. Healthy machines run at 0.8–2.0 mm/s at 1×
/// (ISO 10816-3 zones A–B), so severity 0.1–0.3 adds about what separates two healthy machines
/// (a small new imbalance may even cancel part of the old), while severity 1 (7.1 mm/s: the zone C/D
/// limit of large machines, deep in zone D for the small ones an MPU6050 watches) is unmistakable.
/// Bearing impacts are given as the peak of the housing ring they excite (3 g at severity 1); the
/// 94 Hz DLPF passes only a tenth or so of a 180–400 Hz ring at 200 Hz output, so severity 1 shows
/// as two to three times a healthy machine's vibration and severity 0.1 as about its noise.
public enum FaultCalibration {
  /// Fault vibration velocity at severity 1 on the dominant axis, mm/s RMS.
  public static let fullSeverityVelocityMMs = 7.1
  /// Peak of the housing ring of one bearing impact at severity 1, in g.
  public static let bearingImpactPeakG = 3.0
  /// Depth of the bearing impacts' amplitude modulation by shaft rotation (0…1).
  public static let bearingModulationDepth = 0.6
  /// Share of the full-severity velocity carried by all looseness lines together (vertical RMS).
  ///
  /// Smaller than for the other modes: looseness puts lines where a healthy machine has none (half
  /// orders, 4×–6×), so a small amount already stands out of the noise floor.
  public static let loosenessLineShare = 0.5
  /// Peak of the housing ring of one looseness impact (the foot striking the base) at severity 1, in g.
  public static let loosenessImpactPeakG = 0.5
  /// Severity at which looseness starts clipping the vertical motion; clipping deepens linearly to 1.
  public static let loosenessClipOnset = 0.25
  /// Clip level at onset, in multiples of the vertical motion's RMS (its downward peaks just touch);
  /// at severity 1 the motion is stopped at a quarter of that.
  public static let loosenessClipOnsetCrest = 2.0

  /// Standard gravity in m/s², to convert between velocity in mm/s and acceleration in g.
  static let standardGravity = 9.80665

  /// Peak acceleration in g of a sine with `velocityRMS` mm/s RMS at `frequencyHz`.
  static func peakAccelerationG(velocityRMS: Double, frequencyHz: Double) -> Double {
    velocityRMS / 1000 * 2.0.squareRoot() * 2 * Double.pi * frequencyHz / standardGravity
  }
}
