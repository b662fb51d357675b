import Foundation

extension MotorSimulator {
  /// Synthesises `count` samples at the internal rate and, when `output` is given, writes every
  /// `decimation`-th filtered sample into it, quantized like the sensor's output register.
  mutating func render(samples count: Int, fault: Fault?, into output: UnsafeMutableBufferPointer<Float>?) {
    guard count > 0 else { return }
    let dt = 1 / internalRateHz
    let duration = Double(count) * dt
    let start = (load: load, wander: speedWander, time: elapsedSeconds)
    stepProcesses(over: duration)
    let startShaft = shaftHz(load: start.load, wander: start.wander, atSeconds: start.time)
    let endShaft = shaftHz(load: load, wander: speedWander, atSeconds: start.time + duration)
    let startLevel = vibrationLevel(load: start.load, atSeconds: start.time)
    let endLevel = vibrationLevel(load: load, atSeconds: start.time + duration)

    let fault = fault.flatMap { $0.severity > 0 ? $0 : nil }
    let severity = Double(fault?.severity ?? 0)
    let healthy = signature.harmonics(machine: machine, shaftHz: startShaft, roles: roles)
    let lines = signature.lineCoefficients(machine: machine, shaftHz: startShaft, roles: roles)
    let faulty =
      fault.map {
        geometry.harmonics($0, machine: machine, signature: signature, shaftHz: startShaft, roles: roles)
      }
      ?? HarmonicTable(axes: roles.count)
    let bearing = fault?.mode == .bearing
    let clipDepth =
      fault?.mode == .looseness
      ? FaultCalibration.lateStageProgress(severity: severity, onset: FaultCalibration.loosenessClipOnset)
      : 0
    let clipLevels = roles.indices.map { axis in
      let rms = (pow(startLevel * healthy.rms(axis: axis), 2) + pow(faulty.rms(axis: axis), 2)).squareRoot()
      return FaultCalibration.loosenessClipOnsetCrest * rms * (1 - 0.75 * clipDepth)
    }
    let impactWeights = roles.map { FaultCalibration.impactAxisShares[$0] }
    let gains = roles.map { machine.axisGains[$0] }
    let scales = roles.map { machine.sensitivityScale[$0] }
    let structuralInput = (1 - structuralPole * structuralPole).squareRoot()
    let adcNoise = sensor.noiseDensityGPerRootHz * (internalRateHz / 2).squareRoot()
    let linePhaseStep = 4 * Double.pi * machine.lineFrequencyHz * dt
    let clipMeanWeight = 1 - exp(-dt / Self.clipMeanTimeConstant)
    let orders = HarmonicTable.halfOrders
    let usedOrders = max(1, healthy.highestHalfOrder, faulty.highestHalfOrder)
    let axes = format.axes

    var sines = [Double](repeating: 0, count: orders)
    var cosines = sines
    var periodic = [Double](repeating: 0, count: axes)
    for i in 0..<count {
      let progress = Double(i) / Double(count)
      let shaft = startShaft + (endShaft - startShaft) * progress
      let level = startLevel + (endLevel - startLevel) * progress
      halfShaftPhase += Double.pi * shaft * dt
      if halfShaftPhase > 2 * Double.pi { halfShaftPhase -= 2 * Double.pi }
      linePhase += linePhaseStep
      if linePhase > 2 * Double.pi { linePhase -= 2 * Double.pi }
      sines[0] = sin(halfShaftPhase)
      cosines[0] = cos(halfShaftPhase)
      for h in 1..<usedOrders {
        sines[h] = sines[h - 1] * cosines[0] + cosines[h - 1] * sines[0]
        cosines[h] = cosines[h - 1] * cosines[0] - sines[h - 1] * sines[0]
      }
      let lineSine = sin(linePhase)
      let lineCosine = cos(linePhase)

      var impact = nextBearingImpact(shaftHz: shaft, dt: dt, severity: bearing ? severity : 0)
      var clippedNow = false
      for axis in 0..<axes {
        var healthySum = lines[axis].0 * lineSine + lines[axis].1 * lineCosine
        var faultSum = 0.0
        let base = axis * orders
        for h in 0..<usedOrders {
          healthySum += healthy.sine[base + h] * sines[h] + healthy.cosine[base + h] * cosines[h]
          faultSum += faulty.sine[base + h] * sines[h] + faulty.cosine[base + h] * cosines[h]
        }
        var value = level * healthySum + faultSum
        if clipDepth > 0 && roles[axis] == 2 {
          let stopped = max(-clipLevels[axis] - value, 0)
          clippedNow = clippedNow || stopped > 0
          clipMeans[axis] += clipMeanWeight * (stopped - clipMeans[axis])
          value += stopped - clipMeans[axis]
        }
        periodic[axis] = value
      }
      if clipDepth > 0 && clippedNow && !verticalClipped {
        impact += severity * FaultCalibration.loosenessImpactPeakG
      }
      verticalClipped = clippedNow

      let emit = output != nil && (i + 1) % decimation == 0
      let row = (i + 1) / decimation - 1
      for axis in 0..<axes {
        structural[axis] = structuralPole * structural[axis] + structuralInput * noise.nextGaussian()
        let structure = structural[axis] * machine.structuralNoiseG * level * gains[axis]
        let ring = resonators[axis].step(impact * impactWeights[axis])
        let acceleration =
          scales[axis] * (periodic[axis] + structure + ring) + adcNoise * noise.nextGaussian()
        let filtered = filters[axis].step(acceleration)
        if emit, let output {
          output[row * axes + axis] = sensor.quantize(filtered + staticReading[axis])
        }
      }
    }
    elapsedSeconds += duration
  }

  /// Moves the bearing defect on by one sample and returns the impact (g peak) if the defect strikes now.
  ///
  /// Impact spacing jitters by 1.5 % (rolling elements slip); amplitude follows the shaft angle and
  /// varies by 15 % from impact to impact. A zero `severity` keeps the timing but strikes nothing.
  private mutating func nextBearingImpact(shaftHz: Double, dt: Double, severity: Double) -> Double {
    defectCycles += machine.bearingDefectOrder * shaftHz * dt
    guard defectCycles >= nextImpact else { return 0 }
    nextImpact += 1 + 0.015 * faultRandom.nextGaussian()
    guard severity > 0 else { return 0 }
    let depth = FaultCalibration.bearingModulationDepth
    let modulation = (1 + depth * cos(2 * halfShaftPhase - geometry.bearingModulationPhase)) / (1 + depth)
    return severity * FaultCalibration.bearingImpactPeakG * modulation
      * (1 + 0.15 * faultRandom.nextGaussian())
  }
}
