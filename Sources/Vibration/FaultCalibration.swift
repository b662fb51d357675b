/// How severity becomes physical amplitude, in one place so that it can be read, checked and changed.
///
/// Harmonic faults (imbalance, misalignment, looseness) add vibration whose velocity on the fault's
/// dominant axis is `severity × fullSeverityVelocityMMs` RMS. Healthy machines run at 0.7–2.5 mm/s
/// (ISO 10816-3 zones A–B), so severity 0.1–0.3 (0.7–2.1 mm/s) adds no more than the difference
/// between two healthy machines, while severity 1 (7.1 mm/s, the zone C/D limit of large machines and
/// far into zone D of the small ones an MPU6050 watches) is unmistakable. Impact faults (bearing,
/// looseness impacts) are given as the peak of the housing resonance they ring; the DLPF passes only
/// a tenth or so of a 300 Hz ring at 200 Hz output, so severity 1 shows as several times a healthy
/// machine's 1× acceleration and severity 0.1 as about its sensor and structural noise.
public enum FaultCalibration {
  /// Fault vibration velocity at severity 1 on the dominant axis, mm/s RMS.
  public static let fullSeverityVelocityMMs = 7.1
  /// Peak of the housing ring of one bearing impact at severity 1, in g.
  public static let bearingImpactPeakG = 1.5
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

  /// Standard gravity in m/s², to convert between velocity in mm/s and acceleration in g.
  static let standardGravity = 9.80665

  /// Peak acceleration in g of a sine with `velocityRMS` mm/s RMS at `frequencyHz`.
  static func peakAccelerationG(velocityRMS: Double, frequencyHz: Double) -> Double {
    velocityRMS / 1000 * 2.0.squareRoot() * 2 * Double.pi * frequencyHz / standardGravity
  }
}
