import EdgeCore
import Testing

@testable import Learning

@Suite struct MatrixTests {
  @Test func rowsAreRowMajorAndCanBePickedInAnyOrder() {
    let m = Matrix(rowArrays: [[1, 2, 3], [4, 5, 6], [7, 8, 9]])
    #expect(m[1, 2] == 6 && Array(m.row(2)) == [7, 8, 9])
    #expect(m.rows(at: [2, 0]) == Matrix(rowArrays: [[7, 8, 9], [1, 2, 3]]))
    #expect(m.rows(at: []) == Matrix(rows: 0, cols: 3))
  }

  @Test func seededSplitMix64RepeatsItsSequenceAndPermutesEveryIndexOnce() {
    var a = SplitMix64(seed: 5)
    var b = SplitMix64(seed: 5)
    var c = SplitMix64(seed: 6)
    let first = (0..<4).map { _ in a.next() }
    #expect(first == (0..<4).map { _ in b.next() })
    #expect(first != (0..<4).map { _ in c.next() })
    let order = a.permutation(of: 50)
    #expect(order.sorted() == Array(0..<50) && order != Array(0..<50))
  }
}
