import Testing

@testable import Vibration

@Suite("MPU6050 sensor model")
struct SensorModelTests {
  @Test("the DLPF is the widest MPU6050 setting below Nyquist: 94 Hz at 200 Hz, 260 Hz at 1 kHz")
  func dlpfChoice() {
    #expect(SensorModel.mpu6050(for: .lesson).dlpfBandwidthHz == 94)
    #expect(
      SensorModel.mpu6050(for: WindowFormat(samplesPerWindow: 100, axes: 3, sampleRateHz: 1000))
        .dlpfBandwidthHz == 260)
    #expect(
      SensorModel.mpu6050(for: WindowFormat(samplesPerWindow: 100, axes: 3, sampleRateHz: 50)).dlpfBandwidthHz
        == 21)
  }

  @Test("the ADC runs at 1 kHz and the output takes every fifth sample at 200 Hz")
  func decimation() {
    let sensor = SensorModel.mpu6050(for: .lesson)
    #expect(sensor.decimation(for: .lesson) == 5)
    #expect(sensor.internalRateHz(for: .lesson) == 1000)
  }

  @Test("documented noise is 400 µg/√Hz times the root of the DLPF's noise bandwidth (≈ 4.1 mg at 94 Hz)")
  func documentedNoise() {
    let sensor = SensorModel.mpu6050(for: .lesson)
    #expect(abs(sensor.outputNoiseRMSG - 400e-6 * (94 * 1.1107).squareRoot()) < 1e-5)
    #expect(abs(sensor.outputNoiseRMSG - 0.0041) < 0.0002)
  }

  @Test("quantization rounds to 1/16384 g and clips to the int16 range of ±2 g")
  func quantization() {
    let sensor = SensorModel.mpu6050(for: .lesson)
    #expect(sensor.quantize(1.0 / 16384 * 3.4) == Float(3.0 / 16384))
    #expect(sensor.quantize(5) == Float(32767.0 / 16384))
    #expect(sensor.quantize(-5) == -2)
  }
}
