/// The sparse LU factorization with partial (threshold) pivoting of a square matrix,
/// `P·A·Q = L·U`, for matrices factored many times with one sparsity pattern (the iteration
/// matrix `W = M − γJ` of a stiff solver): the symbolic work is done once, later
/// factorizations only recompute values.
///
/// - `Q`, the column order, is a fill-reducing ordering of the pattern of `A + Aᵀ`
///   (``ApproximateMinimumDegree``), computed once at `init` (what KLU does).
/// - The numeric factorization is left-looking, column by column (Gilbert & Peierls, 1988):
///   column `k` of `L` and `U` solves the sparse triangular system
///   `L_{0..k−1} x = A(:, q_k)`, whose nonzero pattern is the set of rows reachable in the
///   graph of `L` from the rows of `A(:, q_k)`, found by depth-first search in topological
///   order; the work is proportional to the flops, not to `n`. The pivot `x_r` is the largest
///   `|x_i|` over the rows not yet pivotal, except that the diagonal (row `q_k`) is kept
///   when `|x_{q_k}| ≥ τ·max_i |x_i|`, `τ` = ``pivotTolerance`` (KLU's and SuperLU's
///   diagonal preference, which keeps the patterns of `L` and `U` the same from one matrix
///   to the next). Then `u_kk = x_r`, `U(j, k) = x_j` for the pivotal rows, and
///   `L(i, k) = x_i / u_kk` for the others.
/// - A later ``factor(_:)`` with the same pattern first *refactors* (KLU's `klu_refactor`):
///   the previous pivot sequence and the patterns of `L` and `U` are reused, only values are
///   recomputed — no search, no allocation. If a reused pivot fails the same test
///   (`u_kk = 0`, not finite, or `|u_kk| < τ·max_i |l_ik·u_kk|`), the matrix is factored
///   again from scratch with fresh pivoting.
///
/// ```swift
/// var lu = SparseLUFactorization(pattern: w)!   // once: ordering and work arrays
/// w.fillShifted(from: jac, gamma: γ)            // each Newton matrix
/// guard lu.factor(w) else { … }                 // refactors in place when it can
/// lu.solve(&b)                                  // b ← W⁻¹ b, no allocation
/// ```
///
/// A zero or non-finite pivot is reported (``singularColumn``), never trapped on.
public struct SparseLUFactorization: Sendable {
  /// How the columns are ordered before factoring.
  public enum Ordering: Sendable, Equatable {
    /// The columns as they are (`Q = I`).
    case natural
    /// Approximate minimum degree on the pattern of `A + Aᵀ`.
    case approximateMinimumDegree
  }

  /// Size `n` of the matrix.
  public let size: Int
  /// The column ordering used.
  public let ordering: Ordering
  /// The threshold `τ ∈ [0, 1]` of the pivot test: the diagonal is kept as pivot when
  /// `|a_kk| ≥ τ·max_i |a_ik|` (over the rows not yet pivotal), and a reused pivot is kept
  /// on refactorization under the same condition. Default `10⁻³`, as in KLU; `1` is
  /// classical partial pivoting, `0` keeps any nonzero diagonal (no stability guarantee).
  /// Values outside `[0, 1]` act as the nearer end, `NaN` as the default.
  public var pivotTolerance: Double

  @usableFromInline var storage: Storage
  /// The pattern the ordering was computed for.
  @usableFromInline var patternColumnPointers: [Int]
  @usableFromInline var patternRowIndices: [Int]
  /// Whether `storage` holds the factors of a nonsingular matrix of that pattern.
  @usableFromInline var _isFactored = false
  @usableFromInline var _singularColumn: Int?
  @usableFromInline var _symbolicAnalyses = 0
  @usableFromInline var _fullFactorizations = 0
  @usableFromInline var _refactorizations = 0
  @usableFromInline var _refactorFallbacks = 0

  /// Does the symbolic analysis of `pattern` (only its pattern is read): the column ordering,
  /// and the work arrays. `nil` when the matrix is not square (or has more than `2³¹ − 1`
  /// rows: the factors keep 32-bit row indices).
  public init?(
    pattern: SparseMatrixCSC, ordering: Ordering = .approximateMinimumDegree,
    pivotTolerance: Double = 1e-3
  ) {
    guard pattern.isSquare, pattern.rows <= Int(Int32.max) else { return nil }
    size = pattern.rows
    self.ordering = ordering
    self.pivotTolerance = pivotTolerance
    storage = Storage(size: pattern.rows, capacity: 2 * pattern.nonzeroCount + pattern.rows)
    patternColumnPointers = []
    patternRowIndices = []
    analyse(pattern)
  }

  /// The first column of `A` whose pivot was zero or not finite in the last factorization
  /// (`nil` when it succeeded): there the factorization stopped.
  @inlinable public var singularColumn: Int? { _singularColumn }

  /// Whether the last factorization succeeded, every pivot nonzero and finite (`false`
  /// before the first).
  @inlinable public var isNonsingular: Bool { _isFactored }

  /// How many symbolic analyses (column orderings) were done: one at `init`, one more for
  /// each ``factor(_:)`` given a new pattern.
  @inlinable public var symbolicAnalyses: Int { _symbolicAnalyses }

  /// How many factorizations chose their pivots afresh (and found the patterns of `L`, `U`).
  @inlinable public var fullFactorizations: Int { _fullFactorizations }

  /// How many factorizations reused the previous pivots and patterns (values only).
  @inlinable public var refactorizations: Int { _refactorizations }

  /// How many refactorizations were abandoned for a full factorization because a reused
  /// pivot failed the threshold test.
  @inlinable public var refactorFallbacks: Int { _refactorFallbacks }

  /// Entries of `L` strictly below the diagonal (its unit diagonal is not stored); 0 when
  /// not factored.
  @inlinable public var nnzL: Int { _isFactored ? storage.lStart[size] : 0 }

  /// Entries of `U` on and above the diagonal; 0 when not factored. `nnzL + nnzU` is the
  /// number of nonzeros of `L + U`.
  @inlinable public var nnzU: Int { _isFactored ? storage.uStart[size] + size : 0 }

  /// Multiply–adds of one refactorization (0 when not factored):
  /// `Σ_k (Σ_{j : u_jk ≠ 0, j < k} nnz(L(:, j)) + nnz(L(:, k)))`, the updates
  /// `x_i −= l_ij·u_jk` plus the divisions by the pivots.
  public var multiplyAddCount: Int {
    guard _isFactored else { return 0 }
    let s = storage
    var count = 0
    for k in 0..<size {
      for p in s.uStart[k]..<s.uStart[k + 1] {
        let j = Int(s.uRows[p])
        count += s.lStart[j + 1] - s.lStart[j]
      }
      count += s.lStart[k + 1] - s.lStart[k]
    }
    return count
  }

  /// The column order `Q`: column `k` of `P·A·Q` is column `columnPermutation[k]` of `A`.
  public var columnPermutation: [Int] {
    (0..<size).map { storage.columnOrder[$0] }
  }

  /// The row order `P` of the last successful factorization: row `k` of `P·A·Q` is row
  /// `rowPermutation[k]` of `A` (empty when not factored).
  public var rowPermutation: [Int] {
    _isFactored ? (0..<size).map { storage.pivotRow[$0] } : []
  }

  /// The pivot threshold clamped to `[0, 1]` (`NaN` read as the default `10⁻³`).
  @inlinable var effectiveTolerance: Double {
    if pivotTolerance.isNaN { return 1e-3 }
    return min(max(pivotTolerance, 0), 1)
  }

  /// Orders the columns of `pattern` and makes it the pattern expected by ``factor(_:)``.
  @usableFromInline
  mutating func analyse(_ pattern: SparseMatrixCSC) {
    let order: [Int]
    switch ordering {
    case .natural: order = Array(0..<size)
    case .approximateMinimumDegree: order = ApproximateMinimumDegree(pattern: pattern)!.permutation
    }
    if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    for k in 0..<size { storage.columnOrder[k] = order[k] }
    patternColumnPointers = pattern.columnPointers
    patternRowIndices = pattern.rowIndices
    _isFactored = false
    _singularColumn = nil
    _symbolicAnalyses += 1
  }

  /// Factors `a` (of size ``size``). With the pattern of the last successful factorization,
  /// refactors first (reusing pivots and patterns; no allocation), and factors afresh only
  /// when a reused pivot fails the threshold test. A new pattern is analysed again (a new
  /// column ordering). Returns ``isNonsingular``.
  @inlinable
  @discardableResult
  public mutating func factor(_ a: SparseMatrixCSC) -> Bool {
    precondition(a.rows == size && a.columns == size, "the matrix is not \(size) × \(size)")
    precondition(a.values.count == a.rowIndices.count, "values and pattern differ in length")
    if a.columnPointers != patternColumnPointers || a.rowIndices != patternRowIndices {
      analyse(a)
    }
    if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    let s = storage
    let tolerance = effectiveTolerance
    return a.columnPointers.withUnsafeBufferPointer { ap in
      a.rowIndices.withUnsafeBufferPointer { ai in
        a.values.withUnsafeBufferPointer { ax in
          if _isFactored {
            if s.refactor(ap, ai, ax, tolerance: tolerance) {
              _refactorizations += 1
              return true
            }
            _refactorFallbacks += 1
          }
          let failedStep = s.factorFully(ap, ai, ax, tolerance: tolerance)
          _fullFactorizations += 1
          _isFactored = failedStep == nil
          _singularColumn = failedStep.map { s.columnOrder[$0] }
          return _isFactored
        }
      }
    }
  }

  /// Solves `A x = b` in place (`b ← x`) with the last factorization: `x = Q·U⁻¹·L⁻¹·P·b`.
  /// No allocation. When the last factorization failed (or there was none), `b` is set to
  /// NaN.
  @inlinable
  public mutating func solve(_ b: UnsafeMutableBufferPointer<Double>) {
    precondition(b.count == size, "the right-hand side does not have \(size) entries")
    guard _isFactored else {
      for i in b.indices { b[i] = .nan }
      return
    }
    if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    storage.solve(b)
  }

  /// Solves `A x = b` in place (`b ← x`); as for a buffer.
  @inlinable
  public mutating func solve(_ b: inout [Double]) {
    b.withUnsafeMutableBufferPointer { solve($0) }
  }
}

extension SparseLUFactorization {
  /// The ordering, factors and work arrays, in buffers allocated once (grown only by a full
  /// factorization that needs more room), behind one reference so the kernels run on raw
  /// pointers; copied on write, so the factorization keeps value semantics.
  ///
  /// Factors: `L` by columns (`lStart`, `lRows`, `lValues`; strictly lower, unit diagonal
  /// implied; rows are elimination steps), `U` by columns (`uStart`, `uRows`, `uValues`;
  /// strictly upper, in topological order of the column's triangular solve) and its diagonal.
  /// Their row indices are 32-bit: the refactorization streams through `L` once per entry of
  /// `U`, and is limited by that memory traffic.
  @usableFromInline
  final class Storage: @unchecked Sendable {
    @usableFromInline let n: Int
    /// `q`: step `k` factors column `columnOrder[k]` of `A`.
    @usableFromInline let columnOrder: UnsafeMutablePointer<Int>
    /// `p`: the row of `A` chosen as pivot at step `k`.
    @usableFromInline let pivotRow: UnsafeMutablePointer<Int>
    /// `p⁻¹`: the step at which row `i` of `A` became pivotal (−1 while not yet).
    @usableFromInline let pivotStep: UnsafeMutablePointer<Int>
    @usableFromInline let lStart: UnsafeMutablePointer<Int>
    @usableFromInline let uStart: UnsafeMutablePointer<Int>
    @usableFromInline var lRows: UnsafeMutablePointer<Int32>
    @usableFromInline var lValues: UnsafeMutablePointer<Double>
    @usableFromInline var lCapacity: Int
    @usableFromInline var uRows: UnsafeMutablePointer<Int32>
    @usableFromInline var uValues: UnsafeMutablePointer<Double>
    @usableFromInline var uCapacity: Int
    /// `u_kk`.
    @usableFromInline let diagonal: UnsafeMutablePointer<Double>
    /// The dense column being eliminated (all zero between columns).
    @usableFromInline let work: UnsafeMutablePointer<Double>
    /// The permuted right-hand side of a solve.
    @usableFromInline let solveWork: UnsafeMutablePointer<Double>
    /// Depth-first search: visit marks (by stamp), node stack, position in each node's
    /// list, and the reach in topological order (filled from the end).
    @usableFromInline let marks: UnsafeMutablePointer<Int>
    @usableFromInline let stack: UnsafeMutablePointer<Int>
    @usableFromInline let positions: UnsafeMutablePointer<Int>
    @usableFromInline let reach: UnsafeMutablePointer<Int>
    @usableFromInline var stamp = 0

    /// Buffers for size `n`, with room for `capacity` entries in each of `L` and `U`.
    @usableFromInline
    init(size n: Int, capacity: Int) {
      self.n = n
      func ints(_ count: Int, _ value: Int = 0) -> UnsafeMutablePointer<Int> {
        let p = UnsafeMutablePointer<Int>.allocate(capacity: max(count, 1))
        p.initialize(repeating: value, count: max(count, 1))
        return p
      }
      func indices(_ count: Int) -> UnsafeMutablePointer<Int32> {
        let p = UnsafeMutablePointer<Int32>.allocate(capacity: max(count, 1))
        p.initialize(repeating: 0, count: max(count, 1))
        return p
      }
      func doubles(_ count: Int) -> UnsafeMutablePointer<Double> {
        let p = UnsafeMutablePointer<Double>.allocate(capacity: max(count, 1))
        p.initialize(repeating: 0, count: max(count, 1))
        return p
      }
      columnOrder = ints(n)
      for k in 0..<n { columnOrder[k] = k }
      pivotRow = ints(n)
      pivotStep = ints(n, -1)
      lStart = ints(n + 1)
      uStart = ints(n + 1)
      lCapacity = max(capacity, 1)
      uCapacity = max(capacity, 1)
      lRows = indices(lCapacity)
      lValues = doubles(lCapacity)
      uRows = indices(uCapacity)
      uValues = doubles(uCapacity)
      diagonal = doubles(n)
      work = doubles(n)
      solveWork = doubles(n)
      marks = ints(n)
      stack = ints(n)
      positions = ints(n)
      reach = ints(n)
    }

    deinit {
      for p in [columnOrder, pivotRow, pivotStep, lStart, uStart] { p.deallocate() }
      lRows.deallocate()
      uRows.deallocate()
      for p in [marks, stack, positions, reach] { p.deallocate() }
      for p in [lValues, uValues, diagonal, work, solveWork] { p.deallocate() }
    }

    /// An independent copy (for copy-on-write).
    @usableFromInline
    func copy() -> Storage {
      let c = Storage(size: n, capacity: 1)
      c.growL(to: lCapacity, keeping: 0)
      c.growU(to: uCapacity, keeping: 0)
      c.columnOrder.update(from: columnOrder, count: n)
      c.pivotRow.update(from: pivotRow, count: n)
      c.pivotStep.update(from: pivotStep, count: n)
      c.lStart.update(from: lStart, count: n + 1)
      c.uStart.update(from: uStart, count: n + 1)
      c.lRows.update(from: lRows, count: lCapacity)
      c.lValues.update(from: lValues, count: lCapacity)
      c.uRows.update(from: uRows, count: uCapacity)
      c.uValues.update(from: uValues, count: uCapacity)
      c.diagonal.update(from: diagonal, count: n)
      return c
    }

    /// Makes room for at least `needed` entries of `L`, keeping the first `count`.
    @usableFromInline
    func growL(to needed: Int, keeping count: Int) {
      let capacity = max(needed, 2 * lCapacity)
      let rows = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
      let values = UnsafeMutablePointer<Double>.allocate(capacity: capacity)
      rows.initialize(repeating: 0, count: capacity)
      values.initialize(repeating: 0, count: capacity)
      rows.update(from: lRows, count: count)
      values.update(from: lValues, count: count)
      lRows.deallocate()
      lValues.deallocate()
      lRows = rows
      lValues = values
      lCapacity = capacity
    }

    /// Makes room for at least `needed` entries of `U`, keeping the first `count`.
    @usableFromInline
    func growU(to needed: Int, keeping count: Int) {
      let capacity = max(needed, 2 * uCapacity)
      let rows = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
      let values = UnsafeMutablePointer<Double>.allocate(capacity: capacity)
      rows.initialize(repeating: 0, count: capacity)
      values.initialize(repeating: 0, count: capacity)
      rows.update(from: uRows, count: count)
      values.update(from: uValues, count: count)
      uRows.deallocate()
      uValues.deallocate()
      uRows = rows
      uValues = values
      uCapacity = capacity
    }

    /// Depth-first search from row `start` in the graph of the `L` built so far (row `j`,
    /// pivotal at step `p⁻¹_j`, leads to the rows of `L(:, p⁻¹_j)`), without recursion;
    /// pushes the finished rows on `reach` below `top` and returns the new top.
    @inlinable
    func depthFirst(
      from start: Int, top: Int, stamp visit: Int, lRows li: UnsafeMutablePointer<Int32>
    ) -> Int {
      let lp = lStart
      let pinv = pivotStep
      let mark = marks
      let nodes = stack
      let position = positions
      var top = top
      var head = 0
      nodes[0] = start
      while head >= 0 {
        let j = nodes[head]
        let jj = pinv[j]
        if mark[j] != visit {
          mark[j] = visit
          position[head] = jj < 0 ? 0 : lp[jj]
        }
        let end = jj < 0 ? 0 : lp[jj + 1]
        var p = position[head]
        var descended = false
        while p < end {
          let i = Int(li[p])
          p += 1
          if mark[i] != visit {
            position[head] = p
            head += 1
            nodes[head] = i
            descended = true
            break
          }
        }
        if !descended {
          head -= 1
          top -= 1
          reach[top] = j
        }
      }
      return top
    }

    /// Left-looking LU with threshold partial pivoting (Gilbert–Peierls): finds the
    /// patterns of `L` and `U` and their values. Returns the step whose pivot was zero or
    /// not finite (the factorization stops there), `nil` on success.
    @inlinable
    func factorFully(
      _ ap: UnsafeBufferPointer<Int>, _ ai: UnsafeBufferPointer<Int>,
      _ ax: UnsafeBufferPointer<Double>, tolerance: Double
    ) -> Int? {
      let q = columnOrder
      let pinv = pivotStep
      let lp = lStart
      let up = uStart
      let x = work
      let xi = reach
      var li = lRows
      var lx = lValues
      var ui = uRows
      var ux = uValues
      for i in 0..<n { pinv[i] = -1 }
      var lnz = 0
      var unz = 0
      for k in 0..<n {
        lp[k] = lnz
        up[k] = unz
        let col = q[k]
        // The pattern of x = L⁻¹·A(:, col): the rows reachable from those of A(:, col).
        stamp += 1
        let visit = stamp
        var top = n
        for p in ap[col]..<ap[col + 1] where marks[ai[p]] != visit {
          top = depthFirst(from: ai[p], top: top, stamp: visit, lRows: li)
        }
        let count = n - top
        if lnz + count > lCapacity {
          growL(to: lnz + count, keeping: lnz)
          li = lRows
          lx = lValues
        }
        if unz + count > uCapacity {
          growU(to: unz + count, keeping: unz)
          ui = uRows
          ux = uValues
        }
        // x = L⁻¹·A(:, col), in topological order: x_i −= l_ij·x_j.
        for p in ap[col]..<ap[col + 1] { x[ai[p]] = ax[p] }
        for t in top..<n {
          let j = xi[t]
          let jj = pinv[j]
          if jj < 0 { continue }
          let xj = x[j]
          if xj == 0 { continue }
          for p in lp[jj]..<lp[jj + 1] { x[Int(li[p])] -= lx[p] * xj }
        }
        // U(:, k) from the pivotal rows; the pivot among the others.
        var chosen = -1
        var largest = 0.0
        var finite = true
        for t in top..<n {
          let i = xi[t]
          let v = x[i]
          if !v.isFinite { finite = false }
          let step = pinv[i]
          if step < 0 {
            if abs(v) > largest {
              largest = abs(v)
              chosen = i
            }
          } else {
            ui[unz] = Int32(truncatingIfNeeded: step)
            ux[unz] = v
            unz += 1
          }
        }
        if !finite || chosen < 0 {
          for t in top..<n { x[xi[t]] = 0 }
          return k
        }
        let diagonalSize = abs(x[col])
        if pinv[col] < 0 && diagonalSize > 0 && diagonalSize >= tolerance * largest {
          chosen = col
        }
        let pivot = x[chosen]
        diagonal[k] = pivot
        pinv[chosen] = k
        pivotRow[k] = chosen
        for t in top..<n {
          let i = xi[t]
          if pinv[i] < 0 {
            li[lnz] = Int32(truncatingIfNeeded: i)
            lx[lnz] = x[i] / pivot
            lnz += 1
          }
          x[i] = 0
        }
      }
      lp[n] = lnz
      up[n] = unz
      // Rows of L as elimination steps, for the refactorization and the solves.
      for p in 0..<lnz { li[p] = Int32(truncatingIfNeeded: pinv[Int(li[p])]) }
      return nil
    }

    /// Recomputes the values of `L` and `U` with the previous pivots and patterns
    /// (`a` must have the pattern they were made for). Returns `false`, leaving the factors
    /// unusable, when a pivot is zero, not finite or below `tolerance` times the largest
    /// entry of its column.
    @inlinable
    func refactor(
      _ ap: UnsafeBufferPointer<Int>, _ ai: UnsafeBufferPointer<Int>,
      _ ax: UnsafeBufferPointer<Double>, tolerance: Double
    ) -> Bool {
      let q = columnOrder
      let pinv = pivotStep
      let lp = lStart
      let up = uStart
      let li = lRows
      let lx = lValues
      let ui = uRows
      let ux = uValues
      let x = work
      for k in 0..<n {
        let col = q[k]
        for p in ap[col]..<ap[col + 1] { x[pinv[ai[p]]] = ax[p] }
        var finite = true
        for p in up[k]..<up[k + 1] {
          let j = Int(ui[p])
          let ujk = x[j]
          x[j] = 0
          ux[p] = ujk
          if !ujk.isFinite { finite = false }
          if ujk == 0 { continue }
          for l in lp[j]..<lp[j + 1] { x[Int(li[l])] -= lx[l] * ujk }
        }
        let pivot = x[k]
        x[k] = 0
        var largest = 0.0
        for l in lp[k]..<lp[k + 1] {
          let i = Int(li[l])
          let v = x[i]
          x[i] = 0
          lx[l] = v
          if !v.isFinite { finite = false }
          if abs(v) > largest { largest = abs(v) }
        }
        let pivotSize = abs(pivot)
        guard finite, pivot.isFinite, pivotSize > 0, pivotSize >= tolerance * largest else {
          // x is clean: every position scattered is in U(:, k) ∪ {k} ∪ L(:, k).
          return false
        }
        diagonal[k] = pivot
        for l in lp[k]..<lp[k + 1] { lx[l] /= pivot }
      }
      return true
    }

    /// `b ← Q·U⁻¹·L⁻¹·P·b`: permute, forward substitution with the unit lower `L`, back
    /// substitution with `U`, permute back.
    @inlinable
    func solve(_ b: UnsafeMutableBufferPointer<Double>) {
      let y = solveWork
      let lp = lStart
      let li = lRows
      let lx = lValues
      let up = uStart
      let ui = uRows
      let ux = uValues
      for k in 0..<n { y[k] = b[pivotRow[k]] }
      for j in 0..<n {
        let yj = y[j]
        if yj == 0 { continue }
        for p in lp[j]..<lp[j + 1] { y[Int(li[p])] -= lx[p] * yj }
      }
      var k = n - 1
      while k >= 0 {
        let yk = y[k] / diagonal[k]
        y[k] = yk
        if yk != 0 {
          for p in up[k]..<up[k + 1] { y[Int(ui[p])] -= ux[p] * yk }
        }
        k -= 1
      }
      for k in 0..<n { b[columnOrder[k]] = y[k] }
    }
  }
}
