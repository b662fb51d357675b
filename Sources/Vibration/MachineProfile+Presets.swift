extension MachineProfile {
  /// A fixed, typical machine: a 4-pole motor at 1490 rpm on 50 Hz mains, healthy at 1.4 mm/s.
  public static let reference = MachineProfile(
    name: "reference", shaftSpeedRPM: 1490, lineFrequencyHz: 50, residualVelocityMMs: 1.4,
    secondHarmonicRatio: 0.25, thirdHarmonicRatio: 0.08, axialRatio: 0.3, electricalRatio: 0.1,
    axisGains: [1, 1, 0.9], tiltDegrees: [1.5, -2.0], zeroGOffsetG: [0.020, -0.015, 0.030],
    sensitivityScale: [1, 1, 1], structuralNoiseG: 0.004, structuralNoiseCornerHz: 30,
    meanLoad: 0.75, loadVariability: 0.1, speedWander: 0.003, bearingDefectOrder: 3.58,
    resonanceHz: 280, resonanceDamping: 0.05, signatureSeed: 1, drift: .none)

  /// A plausible machine drawn from `seed`: speed within `shaftSpeedRPM`, healthy 0.8–2.0 mm/s, and
  /// mounting, sensor tolerances, noise and load within the ranges documented on each property.
  public static func random(
    seed: UInt64, name: String? = nil, shaftSpeedRPM: ClosedRange<Double> = 1200...3000
  ) -> MachineProfile {
    var random = SeededGenerator(seed: seed, stream: 0x4D41_4348)
    let gains = (0..<3).map { _ in random.uniform(0.8...1.25) }
    let speed = random.uniform(shaftSpeedRPM)
    return MachineProfile(
      name: name ?? "machine-\(seed)",
      shaftSpeedRPM: speed,
      lineFrequencyHz: mainsFrequency(forInductionMotorAt: speed),
      residualVelocityMMs: random.uniform(0.8...2.0),
      secondHarmonicRatio: random.uniform(0.15...0.35),
      thirdHarmonicRatio: random.uniform(0.04...0.12),
      axialRatio: random.uniform(0.2...0.4),
      electricalRatio: random.uniform(0.05...0.15),
      axisGains: gains,
      tiltDegrees: (0..<2).map { _ in min(max(3 * random.nextGaussian(), -8), 8) },
      zeroGOffsetG: [
        random.uniform(-0.05...0.05), random.uniform(-0.05...0.05), random.uniform(-0.08...0.08),
      ],
      sensitivityScale: (0..<3).map { _ in random.uniform(0.97...1.03) },
      structuralNoiseG: random.uniform(0.002...0.006),
      structuralNoiseCornerHz: random.uniform(15...60),
      meanLoad: random.uniform(0.5...0.9),
      loadVariability: random.uniform(0.05...0.15),
      speedWander: random.uniform(0.002...0.006),
      bearingDefectOrder: random.uniform(3.5...5.0),
      resonanceHz: random.uniform(180...400),
      resonanceDamping: random.uniform(0.03...0.08),
      signatureSeed: random.next(),
      drift: .none)
  }

  /// The mains frequency (50 or 60 Hz) whose nearest synchronous speed above `rpm` leaves the smaller slip.
  static func mainsFrequency(forInductionMotorAt rpm: Double) -> Double {
    func slip(_ mains: Double) -> Double {
      let synchronous = [2.0, 4, 6, 8].map { 120 * mains / $0 }.filter { $0 > rpm }.min() ?? .infinity
      return 1 - rpm / synchronous
    }
    return slip(50) <= slip(60) ? 50 : 60
  }
}
