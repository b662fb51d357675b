import Foundation

/// The shape of one fault occurrence: where the added imbalance sits, the phases of the fault's lines.
///
/// Drawn once per episode so that a fault keeps its shape from window to window and grows in place
/// as its severity rises.
struct FaultGeometry: Sendable {
  /// Angle of the new imbalance from the machine's residual heavy spot: anywhere, so a small new
  /// imbalance can as well cancel part of the old one as add to it.
  let imbalanceAngle: Double
  /// Phases of axial 1×, axial 2×, radial 2× and radial 1× misalignment lines.
  let misalignmentPhases: [Double]
  /// Phases of the looseness and bearing-wear lines, per role then half-order.
  let harmonicPhases: [Double]
  /// Shaft angle at which bearing impacts are strongest (the defect passing the load zone).
  let bearingModulationPhase: Double

  /// Looseness line weights ∝ 1/h, normalised to unit RMS, so acceleration is about flat across orders.
  static let loosenessWeights = inverseOrderWeights(count: HarmonicTable.halfOrders)
  /// Bearing-wear line weights over 1×…6× ∝ 1/order, normalised to unit RMS: flat in acceleration too.
  static let bearingWearWeights = inverseOrderWeights(count: HarmonicTable.halfOrders / 2)

  /// Weights ∝ 1/n for n = 1…`count`, normalised to unit RMS.
  static func inverseOrderWeights(count: Int) -> [Double] {
    let raw = (1...count).map { 1 / Double($0) }
    let norm = raw.reduce(0) { $0 + $1 * $1 }.squareRoot()
    return raw.map { $0 / norm }
  }

  /// A new episode drawn from `random`.
  init(random: inout SeededGenerator) {
    let turn = 0...(2 * Double.pi)
    imbalanceAngle = random.uniform(turn)
    misalignmentPhases = (0..<4).map { _ in random.uniform(turn) }
    harmonicPhases = (0..<(3 * HarmonicTable.halfOrders)).map { _ in random.uniform(turn) }
    bearingModulationPhase = random.uniform(turn)
  }

  /// The fault's periodic lines at shaft frequency `shaftHz` (none for a bearing before it wears: it rings).
  func harmonics(
    _ fault: Fault, machine: MachineProfile, signature: MachineSignature, shaftHz: Double, roles: [Int]
  ) -> HarmonicTable {
    var table = HarmonicTable(axes: roles.count)
    let velocity = Double(fault.severity) * FaultCalibration.fullSeverityVelocityMMs
    func peak(_ share: Double, halfOrder: Int) -> Double {
      FaultCalibration.peakAccelerationG(
        velocityRMS: share * velocity, frequencyHz: shaftHz * Double(halfOrder) / 2)
    }
    for (axis, role) in roles.enumerated() {
      let gain = machine.axisGains[role]
      switch fault.mode {
      case .imbalance:
        let amplitude = peak(1, halfOrder: 2) * gain * [1, 0.1, 1][role]
        table.add(
          axis: axis, halfOrder: 2, amplitude: amplitude, phase: signature.oneX[role] + imbalanceAngle)
      case .misalignment:
        if role == 1 {
          table.add(
            axis: axis, halfOrder: 2, amplitude: peak(0.45, halfOrder: 2) * gain, phase: misalignmentPhases[0]
          )
          table.add(
            axis: axis, halfOrder: 4, amplitude: peak(0.25, halfOrder: 4) * gain, phase: misalignmentPhases[1]
          )
        } else {
          let quadrature = role == 2 ? -Double.pi / 2 : 0
          table.add(
            axis: axis, halfOrder: 4, amplitude: peak(0.25, halfOrder: 4) * gain,
            phase: misalignmentPhases[2] + quadrature)
          table.add(
            axis: axis, halfOrder: 2, amplitude: peak(0.1, halfOrder: 2) * gain,
            phase: misalignmentPhases[3] + quadrature)
        }
      case .looseness:
        let roleShare = FaultCalibration.loosenessLineShare * [0.5, 0.2, 1.0][role]
        for h in 1...HarmonicTable.halfOrders {
          let amplitude = peak(roleShare * Self.loosenessWeights[h - 1], halfOrder: h) * gain
          table.add(
            axis: axis, halfOrder: h, amplitude: amplitude,
            phase: harmonicPhases[role * HarmonicTable.halfOrders + h - 1])
        }
      case .bearing:
        let wear = FaultCalibration.lateStageProgress(
          severity: Double(fault.severity), onset: FaultCalibration.bearingWearOnset)
        guard wear > 0 else { break }
        let roleVelocity =
          wear * FaultCalibration.fullSeverityVelocityMMs * FaultCalibration.impactAxisShares[role]
        for (index, weight) in Self.bearingWearWeights.enumerated() {
          let order = index + 1
          let amplitude =
            FaultCalibration.peakAccelerationG(
              velocityRMS: weight * roleVelocity, frequencyHz: shaftHz * Double(order)) * gain
          let phase =
            order == 1
            ? signature.oneX[role] : harmonicPhases[role * HarmonicTable.halfOrders + 2 * order - 1]
          table.add(axis: axis, halfOrder: 2 * order, amplitude: amplitude, phase: phase)
        }
      }
    }
    return table
  }
}
