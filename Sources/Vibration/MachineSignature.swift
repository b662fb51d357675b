import Foundation

/// The fixed relative phases of a machine's healthy harmonics per axis role: its waveform signature.
struct MachineSignature: Sendable {
  /// Phase of the 1× line per role; vertical lags horizontal by about 90° (forward whirl).
  let oneX: [Double]
  /// Phase of the 2× line per role.
  let twoX: [Double]
  /// Phase of the 3× line per role.
  let threeX: [Double]
  /// Phase of the 2× line-frequency magnetic vibration per role.
  let line: [Double]

  /// The signature of `machine`, drawn from its `signatureSeed`.
  init(machine: MachineProfile) {
    var random = SeededGenerator(seed: machine.signatureSeed, stream: 0x5349_474E)
    let horizontal = random.uniform(0...(2 * Double.pi))
    oneX = [
      horizontal, random.uniform(0...(2 * Double.pi)),
      horizontal - Double.pi / 2 + 0.2 * random.nextGaussian(),
    ]
    twoX = (0..<3).map { _ in random.uniform(0...(2 * Double.pi)) }
    threeX = (0..<3).map { _ in random.uniform(0...(2 * Double.pi)) }
    line = (0..<3).map { _ in random.uniform(0...(2 * Double.pi)) }
  }

  /// Healthy harmonics at shaft frequency `shaftHz`, before load and drift scaling.
  func harmonics(machine: MachineProfile, shaftHz: Double, roles: [Int]) -> HarmonicTable {
    let oneXPeak = FaultCalibration.peakAccelerationG(
      velocityRMS: machine.residualVelocityMMs, frequencyHz: shaftHz)
    let oneXWeight = [1, machine.axialRatio, 1]
    var table = HarmonicTable(axes: roles.count)
    for (axis, role) in roles.enumerated() {
      let peak = oneXPeak * machine.axisGains[role]
      table.add(axis: axis, halfOrder: 2, amplitude: peak * oneXWeight[role], phase: oneX[role])
      table.add(
        axis: axis, halfOrder: 4, amplitude: peak * machine.secondHarmonicRatio * [1, 0.6, 1][role],
        phase: twoX[role])
      table.add(
        axis: axis, halfOrder: 6, amplitude: peak * machine.thirdHarmonicRatio * [1, 0.5, 1][role],
        phase: threeX[role])
    }
    return table
  }

  /// Peak of the 2× line-frequency vibration per axis, as (sine, cosine) coefficients of the line phase.
  func lineCoefficients(machine: MachineProfile, shaftHz: Double, roles: [Int]) -> [(Double, Double)] {
    let oneXPeak = FaultCalibration.peakAccelerationG(
      velocityRMS: machine.residualVelocityMMs, frequencyHz: shaftHz)
    return roles.map { role in
      let peak = oneXPeak * machine.electricalRatio * machine.axisGains[role] * [1, 0.3, 1][role]
      return (peak * cos(line[role]), peak * sin(line[role]))
    }
  }
}
