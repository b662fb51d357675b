/// A forward discrete Fourier transform of one fixed length, planned once so that transforming allocates nothing.
///
/// Any length works: the plan factors it into radices 4, 2, 3 and 5 (dedicated butterflies) and any other
/// prime (a plain DFT of that size), and recurses by decimation in time. The transform is unnormalized:
/// `X[k] = Σₙ x[n]·e^(−2πi·k·n/N)`. Arithmetic is single precision in a fixed order, so every platform
/// computes identical results.
public struct FFT: Sendable {
  /// The transform length N.
  public let count: Int
  /// Radices in the order the recursion applies them (outermost first); their product is `count`.
  public let radices: [Int]
  /// e^(−2πi·j/N) for j in 0..<N, computed in double precision and rounded once.
  private let twiddleRe: [Float]
  private let twiddleIm: [Float]
  /// Room for one butterfly of the largest prime radix above 5.
  private var scratchRe: [Float]
  private var scratchIm: [Float]

  /// Plans a transform of `count` points (`count` ≥ 1).
  public init(count: Int) {
    precondition(count >= 1, "FFT length must be at least 1")
    self.count = count
    radices = FFT.factor(count)
    var re = [Float](repeating: 0, count: count)
    var im = [Float](repeating: 0, count: count)
    for j in 0..<count {
      let turns = 2 * Double(j) / Double(count)
      re[j] = Float(EdgeMath.cosPi(turns))
      im[j] = Float(-EdgeMath.sinPi(turns))
    }
    twiddleRe = re
    twiddleIm = im
    let largestGeneric = radices.filter { $0 > 5 }.max() ?? 0
    scratchRe = [Float](repeating: 0, count: largestGeneric)
    scratchIm = [Float](repeating: 0, count: largestGeneric)
  }

  /// Transforms the complex input `(inputRe, inputIm)` into `(outputRe, outputIm)`; all four hold `count` values.
  public mutating func transform(
    inputRe: UnsafeBufferPointer<Float>, inputIm: UnsafeBufferPointer<Float>,
    outputRe: UnsafeMutableBufferPointer<Float>, outputIm: UnsafeMutableBufferPointer<Float>
  ) {
    precondition(
      inputRe.count == count && inputIm.count == count && outputRe.count == count && outputIm.count == count,
      "FFT buffers must hold exactly `count` values")
    let n = count
    radices.withUnsafeBufferPointer { radices in
      twiddleRe.withUnsafeBufferPointer { twiddleRe in
        twiddleIm.withUnsafeBufferPointer { twiddleIm in
          scratchRe.withUnsafeMutableBufferPointer { scratchRe in
            scratchIm.withUnsafeMutableBufferPointer { scratchIm in
              let pass = FFTPass(
                count: n, radices: radices, twiddleRe: twiddleRe, twiddleIm: twiddleIm,
                inputRe: inputRe, inputIm: inputIm, outputRe: outputRe, outputIm: outputIm,
                scratchRe: scratchRe, scratchIm: scratchIm)
              pass.run(output: 0, length: n, input: 0, stride: 1, level: 0)
            }
          }
        }
      }
    }
  }

  /// Radices of `n`: fours first, then twos, then odd primes in increasing order.
  static func factor(_ n: Int) -> [Int] {
    var radices: [Int] = []
    var rest = n
    while rest % 4 == 0 {
      radices.append(4)
      rest /= 4
    }
    var p = 2
    while rest > 1 {
      if p * p > rest { p = rest }
      while rest % p == 0 {
        radices.append(p)
        rest /= p
      }
      p += p == 2 ? 1 : 2
    }
    return radices
  }
}
