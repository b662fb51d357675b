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
///
/// A bearing defect runs through the four stages of the textbook failure model (J. E. Berry, "How to
/// track rolling element bearing health with vibration signature analysis", Sound and Vibration 25(11),
/// 1991; the Technical Associates "Illustrated Vibration Diagnostic Chart"); severity is the progress
/// through them, a quarter each. Through stages 1–3 a spall strikes at the defect frequency and rings
/// the housing resonance, given as the ring's peak (`bearingImpactPeakG`, linear in severity). At
/// 200 Hz most of that ring is filtered away (the 94 Hz DLPF passes 27 % of a 180 Hz ring, 5.5 % of a
/// 400 Hz one): impacts alone put 0.02–0.10 g RMS in band at severity 1, depending on the housing, and
/// on a stiff housing no more than the healthy machine's own vibration, which would make "severity 1"
/// of a bearing mean less than of any other mode. Stage 4 (from `bearingWearOnset`) is where the
/// chart puts it: the spalls have spread, the worn races have lost their clearance, 1× and many of its
/// harmonics grow and the overall level rises into alarm. The wear lines rise linearly from the onset
/// to `fullSeverityVelocityMMs` at severity 1 on the load-zone (vertical) axis (`impactAxisShares`),
/// spread over 1×…6× as 1/order (flat in acceleration: the raised floor of the chart), the 1× in phase
/// with the residual imbalance whose response the lost clearance amplifies. So severity 1 means ISO
/// 10816-3 zone C/D for every mode, whatever the housing, while severities up to the onset keep only
/// the ring, and with it their closeness to the thresholds.
public enum FaultCalibration {
  /// Fault vibration velocity at severity 1 on the dominant axis, mm/s RMS.
  public static let fullSeverityVelocityMMs = 7.1
  /// Peak of the housing ring of one bearing impact at severity 1, in g.
  public static let bearingImpactPeakG = 3.0
  /// Depth of the bearing impacts' amplitude modulation by shaft rotation (0…1).
  public static let bearingModulationDepth = 0.6
  /// Severity at which a bearing defect enters the last of its four stages and its wear lines start.
  public static let bearingWearOnset = 0.75
  /// Share of impact and bearing-wear vibration per axis role (horizontal, axial, vertical).
  ///
  /// A foot-mounted horizontal motor carries its rotor's weight, and so the load zone of its bearings,
  /// at the bottom: what the bearing or a striking foot does arrives mostly vertical, radially
  /// horizontal at half that, axially at a quarter.
  public static let impactAxisShares = [0.5, 0.25, 1.0]
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

  /// How far a fault whose late stage starts at severity `onset` is into it: 0 before, 1 at severity 1.
  static func lateStageProgress(severity: Double, onset: Double) -> Double {
    max(0, (severity - onset) / (1 - onset))
  }
}
