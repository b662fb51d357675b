import EdgeCore
import Foundation
import Testing

@Suite struct FFTTests {
  /// The DFT by its definition, in double precision.
  private func naiveDFT(_ re: [Float], _ im: [Float]) -> (re: [Double], im: [Double]) {
    let n = re.count
    var outRe = [Double](repeating: 0, count: n)
    var outIm = [Double](repeating: 0, count: n)
    for k in 0..<n {
      for j in 0..<n {
        let angle = -2 * Double.pi * Double((k * j) % n) / Double(n)
        outRe[k] += Double(re[j]) * cos(angle) - Double(im[j]) * sin(angle)
        outIm[k] += Double(re[j]) * sin(angle) + Double(im[j]) * cos(angle)
      }
    }
    return (outRe, outIm)
  }

  @Test(arguments: [1, 2, 3, 5, 7, 8, 12, 100, 128, 1000, 11 * 13, 2 * 3 * 4 * 5 * 7])
  func matchesTheNaiveDFTForAnyLength(n: Int) {
    var generator = SplitMix64(seed: UInt64(n))
    let re = (0..<n).map { _ in Float.random(in: -1...1, using: &generator) }
    let im = (0..<n).map { _ in Float.random(in: -1...1, using: &generator) }
    var fft = FFT(count: n)
    var outRe = [Float](repeating: .nan, count: n)
    var outIm = [Float](repeating: .nan, count: n)
    re.withUnsafeBufferPointer { re in
      im.withUnsafeBufferPointer { im in
        outRe.withUnsafeMutableBufferPointer { outRe in
          outIm.withUnsafeMutableBufferPointer { outIm in
            fft.transform(inputRe: re, inputIm: im, outputRe: outRe, outputIm: outIm)
          }
        }
      }
    }
    let expected = naiveDFT(re, im)
    let inputNorm = sqrt(zip(re, im).reduce(0.0) { $0 + Double($1.0 * $1.0 + $1.1 * $1.1) })
    var worst = 0.0
    for k in 0..<n {
      worst = max(worst, hypot(Double(outRe[k]) - expected.re[k], Double(outIm[k]) - expected.im[k]))
    }
    // Single-precision rounding grows with the number of stages; 1e-6 of the input norm per stage is generous.
    let stages = Double(max(1, FFT(count: n).radices.count))
    #expect(worst <= 1e-6 * inputNorm * stages, "N=\(n): worst error \(worst), input norm \(inputNorm)")
  }

  @Test func factorsIntoFoursThenTwosThenPrimes() {
    #expect(FFT(count: 100).radices == [4, 5, 5])
    #expect(FFT(count: 1000).radices == [4, 2, 5, 5, 5])
    #expect(FFT(count: 128).radices == [4, 4, 4, 2])
    #expect(FFT(count: 1).radices == [])
    #expect(FFT(count: 7 * 7 * 3).radices == [3, 7, 7])
    #expect(FFT(count: 997).radices == [997])
  }
}
