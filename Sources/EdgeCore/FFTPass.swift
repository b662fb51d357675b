/// One run of an `FFT` plan over borrowed buffers: the decimation-in-time recursion and its butterflies.
///
/// A length `n = p·m` transform first transforms the `p` interleaved sub-sequences of length `m` into
/// consecutive blocks of the output, then combines element `k` of every block with twiddles `W_n^(r·k)`
/// and a `p`-point DFT: `X[k + q·m] = Σᵣ W_p^(r·q) · W_n^(r·k) · Yᵣ[k]`.
struct FFTPass {
  let count: Int
  let radices: UnsafeBufferPointer<Int>
  let twiddleRe: UnsafeBufferPointer<Float>
  let twiddleIm: UnsafeBufferPointer<Float>
  let inputRe: UnsafeBufferPointer<Float>
  let inputIm: UnsafeBufferPointer<Float>
  let outputRe: UnsafeMutableBufferPointer<Float>
  let outputIm: UnsafeMutableBufferPointer<Float>
  let scratchRe: UnsafeMutableBufferPointer<Float>
  let scratchIm: UnsafeMutableBufferPointer<Float>

  /// Transforms `length` input values starting at `input` with `stride` into `output..<output+length`.
  func run(output: Int, length: Int, input: Int, stride: Int, level: Int) {
    guard level < radices.count else {
      outputRe[output] = inputRe[input]
      outputIm[output] = inputIm[input]
      return
    }
    let p = radices[level]
    let m = length / p
    for r in 0..<p {
      run(output: output + r * m, length: m, input: input + r * stride, stride: stride * p, level: level + 1)
    }
    let twiddleStride = count / length
    for k in 0..<m {
      applyTwiddles(base: output + k, radix: p, spacing: m, step: k * twiddleStride)
      switch p {
      case 2: butterfly2(output + k, m)
      case 3: butterfly3(output + k, m)
      case 4: butterfly4(output + k, m)
      case 5: butterfly5(output + k, m)
      default: butterflyGeneric(output + k, m, p)
      }
    }
  }

  /// Multiplies element r of the butterfly at `base` by `W_N^(r·step)`.
  private func applyTwiddles(base: Int, radix: Int, spacing: Int, step: Int) {
    guard step != 0 else { return }
    for r in 1..<radix {
      let i = base + r * spacing
      let w = r * step
      let (re, im) = (outputRe[i], outputIm[i])
      outputRe[i] = re * twiddleRe[w] - im * twiddleIm[w]
      outputIm[i] = re * twiddleIm[w] + im * twiddleRe[w]
    }
  }

  private func butterfly2(_ a: Int, _ m: Int) {
    let b = a + m
    let (aRe, aIm, bRe, bIm) = (outputRe[a], outputIm[a], outputRe[b], outputIm[b])
    outputRe[a] = aRe + bRe
    outputIm[a] = aIm + bIm
    outputRe[b] = aRe - bRe
    outputIm[b] = aIm - bIm
  }

  private func butterfly3(_ a: Int, _ m: Int) {
    let sin60: Float = 0.866_025_403_784_438_6
    let (b, c) = (a + m, a + 2 * m)
    let (aRe, aIm) = (outputRe[a], outputIm[a])
    let (sumRe, sumIm) = (outputRe[b] + outputRe[c], outputIm[b] + outputIm[c])
    let (diffRe, diffIm) = (outputRe[b] - outputRe[c], outputIm[b] - outputIm[c])
    let (midRe, midIm) = (aRe - 0.5 * sumRe, aIm - 0.5 * sumIm)
    // X₁ = mid − i·sin60·diff, X₂ = mid + i·sin60·diff
    let (rotRe, rotIm) = (sin60 * diffIm, -sin60 * diffRe)
    outputRe[a] = aRe + sumRe
    outputIm[a] = aIm + sumIm
    outputRe[b] = midRe + rotRe
    outputIm[b] = midIm + rotIm
    outputRe[c] = midRe - rotRe
    outputIm[c] = midIm - rotIm
  }

  private func butterfly4(_ a: Int, _ m: Int) {
    let (b, c, d) = (a + m, a + 2 * m, a + 3 * m)
    let (s0Re, s0Im) = (outputRe[a] + outputRe[c], outputIm[a] + outputIm[c])
    let (s1Re, s1Im) = (outputRe[a] - outputRe[c], outputIm[a] - outputIm[c])
    let (s2Re, s2Im) = (outputRe[b] + outputRe[d], outputIm[b] + outputIm[d])
    let (s3Re, s3Im) = (outputRe[b] - outputRe[d], outputIm[b] - outputIm[d])
    outputRe[a] = s0Re + s2Re
    outputIm[a] = s0Im + s2Im
    outputRe[c] = s0Re - s2Re
    outputIm[c] = s0Im - s2Im
    // X₁ = s1 − i·s3, X₃ = s1 + i·s3
    outputRe[b] = s1Re + s3Im
    outputIm[b] = s1Im - s3Re
    outputRe[d] = s1Re - s3Im
    outputIm[d] = s1Im + s3Re
  }

  private func butterfly5(_ a: Int, _ m: Int) {
    let cos72: Float = 0.309_016_994_374_947_45
    let cos144: Float = -0.809_016_994_374_947_3
    let sin72: Float = 0.951_056_516_295_153_5
    let sin144: Float = 0.587_785_252_292_473_2
    let (b, c, d, e) = (a + m, a + 2 * m, a + 3 * m, a + 4 * m)
    let (aRe, aIm) = (outputRe[a], outputIm[a])
    let (t1Re, t1Im) = (outputRe[b] + outputRe[e], outputIm[b] + outputIm[e])
    let (t2Re, t2Im) = (outputRe[c] + outputRe[d], outputIm[c] + outputIm[d])
    let (t3Re, t3Im) = (outputRe[b] - outputRe[e], outputIm[b] - outputIm[e])
    let (t4Re, t4Im) = (outputRe[c] - outputRe[d], outputIm[c] - outputIm[d])
    let (near1Re, near1Im) = (aRe + cos72 * t1Re + cos144 * t2Re, aIm + cos72 * t1Im + cos144 * t2Im)
    let (near2Re, near2Im) = (aRe + cos144 * t1Re + cos72 * t2Re, aIm + cos144 * t1Im + cos72 * t2Im)
    let (u1Re, u1Im) = (sin72 * t3Re + sin144 * t4Re, sin72 * t3Im + sin144 * t4Im)
    let (u2Re, u2Im) = (sin144 * t3Re - sin72 * t4Re, sin144 * t3Im - sin72 * t4Im)
    outputRe[a] = aRe + t1Re + t2Re
    outputIm[a] = aIm + t1Im + t2Im
    // X₁,₄ = near1 ∓ i·u1, X₂,₃ = near2 ∓ i·u2
    outputRe[b] = near1Re + u1Im
    outputIm[b] = near1Im - u1Re
    outputRe[e] = near1Re - u1Im
    outputIm[e] = near1Im + u1Re
    outputRe[c] = near2Re + u2Im
    outputIm[c] = near2Im - u2Re
    outputRe[d] = near2Re - u2Im
    outputIm[d] = near2Im + u2Re
  }

  /// A plain p-point DFT for prime radices above 5, through the plan's scratch.
  private func butterflyGeneric(_ a: Int, _ m: Int, _ p: Int) {
    for r in 0..<p {
      scratchRe[r] = outputRe[a + r * m]
      scratchIm[r] = outputIm[a + r * m]
    }
    let rootStride = count / p
    for q in 0..<p {
      var sumRe = scratchRe[0]
      var sumIm = scratchIm[0]
      var w = 0
      for r in 1..<p {
        w += q * rootStride
        if w >= count { w -= count }
        sumRe += scratchRe[r] * twiddleRe[w] - scratchIm[r] * twiddleIm[w]
        sumIm += scratchRe[r] * twiddleIm[w] + scratchIm[r] * twiddleRe[w]
      }
      outputRe[a + q * m] = sumRe
      outputIm[a + q * m] = sumIm
    }
  }
}
