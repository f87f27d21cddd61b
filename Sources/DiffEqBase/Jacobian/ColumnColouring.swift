/// A partition of a sparsity pattern's columns into groups ("colours") of structurally
/// orthogonal columns — no two columns of a group have a nonzero in the same row — so that one
/// evaluation of `f` at `u + Σ_{j∈group} σⱼeⱼ` gives every column of the group (Curtis, Powell
/// & Reid 1974). Greedy, in column order (the largest-first order of Coleman & Moré gives a
/// few colours fewer on irregular patterns; on the banded and grid patterns of PDEs the greedy
/// order is already optimal or nearly so).
public struct ColumnColouring: Sendable, Equatable {
  /// The colour of each column (`0 ..< count`).
  public let colours: [Int]
  /// Number of colours: evaluations of `f` per Jacobian.
  public let count: Int
  /// The columns of each colour, concatenated; colour `c`'s are
  /// `columns[groupStarts[c] ..< groupStarts[c + 1]]`.
  public let columns: [Int]
  /// Offsets of the colours in ``columns`` (`count + 1` entries).
  public let groupStarts: [Int]

  /// The greedy colouring of `pattern`'s columns.
  public init(pattern: SparseMatrixCSC) {
    let n = pattern.columns
    // Row → columns (the transpose's pattern).
    var rowStarts = [Int](repeating: 0, count: pattern.rows + 1)
    for r in pattern.rowIndices { rowStarts[r + 1] += 1 }
    for r in 0..<pattern.rows { rowStarts[r + 1] += rowStarts[r] }
    var fill = rowStarts
    var rowColumns = [Int](repeating: 0, count: pattern.rowIndices.count)
    for j in 0..<n {
      for k in pattern.columnPointers[j]..<pattern.columnPointers[j + 1] {
        let r = pattern.rowIndices[k]
        rowColumns[fill[r]] = j
        fill[r] += 1
      }
    }
    var colours = [Int](repeating: -1, count: n)
    // forbidden[c] == j: colour c is taken by a neighbour of column j.
    var forbidden = [Int](repeating: -1, count: n + 1)
    var count = 0
    for j in 0..<n {
      for k in pattern.columnPointers[j]..<pattern.columnPointers[j + 1] {
        let r = pattern.rowIndices[k]
        for m in rowStarts[r]..<rowStarts[r + 1] {
          let c = colours[rowColumns[m]]
          if c >= 0 { forbidden[c] = j }
        }
      }
      var c = 0
      while forbidden[c] == j { c += 1 }
      colours[j] = c
      count = Swift.max(count, c + 1)
    }
    var starts = [Int](repeating: 0, count: count + 1)
    for c in colours { starts[c + 1] += 1 }
    for c in 0..<count { starts[c + 1] += starts[c] }
    var position = starts
    var columns = [Int](repeating: 0, count: n)
    for j in 0..<n {
      columns[position[colours[j]]] = j
      position[colours[j]] += 1
    }
    self.colours = colours
    self.count = count
    self.columns = columns
    groupStarts = starts
  }
}
