/// The Jacobian `J = ∂f/∂u` of an implicit method and its Newton matrix `W = M − γJ` (`M` the
/// mass matrix, the identity by default), factored,
/// stored densely, in a band or sparse as the problem's ``JacobianPrototype`` says — the linear
/// algebra of a simplified Newton iteration, made once at `init` and refactored in place.
///
/// ```swift
/// var newton = NewtonMatrix(prototype: u0, jacPrototype: prob.jacPrototype, analyticJacobian: false)
/// newton.evaluate(f, p, t: t, u: u, f0: f0, h: h, errorNorm: norm, stats: &stats)  // J
/// guard newton.factor(gamma: h / α₀, stats: &stats) else { … }                     // W = I − γJ
/// newton.solve(&residual)                                                          // W⁻¹ r
/// ```
///
/// | storage | `J` by differences | factorization |
/// |---|---|---|
/// | dense | `n` evaluations of `f` | ``LUFactorization`` |
/// | `.banded(lower:upper:)` | `lower + upper + 1` | ``BandedLUFactorization`` |
/// | `.sparse(pattern)` | colours of ``ColumnColouring`` | ``SparseLUFactorization`` |
///
/// An analytic Jacobian is written into a dense matrix and gathered into the band or pattern.
public struct NewtonMatrix<State: StateVector>: Sendable {
  /// How `J` and `W` are stored.
  public enum Kind: Sendable, Equatable {
    case dense
    case banded(lower: Int, upper: Int)
    case sparse
    /// Matrix-free GMRES (``LinearSolver/gmres(restart:)``); `J` is kept only for the
    /// preconditioner, when the sparsity is known.
    case krylov
  }

  /// The storage.
  public let kind: Kind
  /// `J` (dense kind), or where an analytic Jacobian is written first (other kinds; empty
  /// when the Jacobian is taken by differences).
  public var denseJacobian: DenseMatrix
  @usableFromInline var denseLU: LUFactorization
  @usableFromInline var bandedJacobian: BandedMatrix?
  @usableFromInline var bandedLU: BandedLUFactorization?
  /// `J` (sparse kind).
  public var sparseJacobian: SparseMatrixCSC?
  @usableFromInline var sparseW: SparseMatrixCSC?
  @usableFromInline var sparseLU: SparseLUFactorization?
  @usableFromInline var colouring: ColumnColouring?
  @usableFromInline var differences: FiniteDifferenceJacobian<State>
  /// Right-hand side scratch for the sparse solve of states without contiguous storage.
  @usableFromInline var scratch: [Double]
  /// The `γ` of the current factorization (NaN when none).
  @inlinable public var factoredGamma: Double { _factoredGamma }
  @usableFromInline var _factoredGamma = Double.nan
  @usableFromInline var cachedOneNorm: Double?
  /// The GMRES buffers (``Kind/krylov``).
  public let krylov: KrylovWorkspace<State>?
  /// The mass matrix `M` of `W = M − γJ` (`nil`: the identity). Diagonal with every kind
  /// but ``Kind/krylov``; dense only with ``Kind/dense`` (``supports(mass:)``).
  public let mass: StiffMassMatrix?
  /// A diagonal `M` in compressed columns (``Kind/sparse``, and the preconditioner of
  /// ``Kind/krylov``), and its diagonal (``Kind/krylov``).
  @usableFromInline var sparseMass: SparseMatrixCSC?
  @usableFromInline var massDiagonal: [Double]?

  /// Whether `W = M − γJ` can be formed in this storage: a diagonal `M` with any linear
  /// solver, a dense one only with dense LU.
  public static func supports(
    mass: StiffMassMatrix?, jacPrototype: JacobianPrototype?, linearSolver: LinearSolver
  ) -> Bool {
    guard let mass, mass.isDense else { return true }
    if case .gmres = linearSolver { return false }
    return jacPrototype == nil
  }

  /// Whether difference Jacobians take at least the tolerance `abstolⱼ + reltol·|uⱼ|` as the
  /// increment of component `j` (IDA's rule, for residual-form DAEs: CVODE's increment of a
  /// zero component can vanish next to the other terms of an algebraic equation).
  public var floorsIncrementAtTolerance: Bool {
    get { differences.floorsIncrementAtTolerance }
    set { differences.floorsIncrementAtTolerance = newValue }
  }

  /// Buffers for states shaped like `prototype`; `analyticJacobian` says whether a dense matrix
  /// for an analytic Jacobian is needed besides a band or pattern.
  public init(
    prototype: State, jacPrototype: JacobianPrototype?, analyticJacobian: Bool,
    linearSolver: LinearSolver = .automatic, mass: StiffMassMatrix? = nil
  ) {
    let n = prototype.count
    self.mass = mass
    if case .diagonal(let d)? = mass { massDiagonal = d }
    if case .diagonal(let d)? = mass, case .sparse? = jacPrototype {
      sparseMass = SparseMatrixCSC(
        rows: n, columns: n, entries: (0..<n).map { (row: $0, column: $0, value: d[$0]) })
    }
    differences = FiniteDifferenceJacobian(prototype: prototype)
    if case .gmres(let restart) = linearSolver {
      kind = .krylov
      denseLU = LUFactorization(size: 0)
      scratch = []
      if case .sparse(let pattern)? = jacPrototype {
        let (jacobian, w) = Self.sparseStorage(pattern)
        sparseJacobian = jacobian
        sparseW = w
        colouring = ColumnColouring(pattern: jacobian)
        denseJacobian = DenseMatrix(size: analyticJacobian ? n : 0)
        krylov = KrylovWorkspace(prototype: prototype, restart: restart, preconditionerPattern: w)
      } else {
        denseJacobian = DenseMatrix(size: 0)
        krylov = KrylovWorkspace(prototype: prototype, restart: restart, preconditionerPattern: nil)
      }
      return
    }
    krylov = nil
    switch jacPrototype {
    case .banded(let lower, let upper)?:
      kind = .banded(lower: lower, upper: upper)
      bandedJacobian = BandedMatrix(size: n, lower: lower, upper: upper)
      bandedLU = BandedLUFactorization(size: n, lower: lower, upper: upper)
      denseLU = LUFactorization(size: 0)
      denseJacobian = DenseMatrix(size: analyticJacobian ? n : 0)
      scratch = []
    case .sparse(let pattern)?:
      kind = .sparse
      let (jacobian, w) = Self.sparseStorage(pattern)
      sparseJacobian = jacobian
      sparseW = w
      sparseLU = SparseLUFactorization(pattern: w)
      colouring = ColumnColouring(pattern: jacobian)
      denseLU = LUFactorization(size: 0)
      denseJacobian = DenseMatrix(size: analyticJacobian ? n : 0)
      scratch = [Double](repeating: 0, count: n)
    case nil:
      kind = .dense
      denseJacobian = DenseMatrix(size: n)
      denseLU = LUFactorization(size: n)
      scratch = []
    }
  }

  /// `J` on `pattern` (values zero) and `W`'s pattern, `J`'s with the diagonal added.
  static func sparseStorage(_ pattern: SparseMatrixCSC) -> (SparseMatrixCSC, SparseMatrixCSC) {
    var jacobian = pattern
    jacobian.setValues(to: 0)
    return (jacobian, jacobian.addingDiagonal())
  }

  /// Evaluations of `f` a difference Jacobian costs.
  public var differenceCost: Int {
    let n = differences.increments.count
    switch kind {
    case .dense: return n
    case .banded(let lower, let upper): return Swift.min(lower + upper + 1, n)
    case .sparse, .krylov: return colouring?.count ?? 0
    }
  }

  /// `J` written by `analytic` into a dense matrix (the problem's `jac`), then gathered into
  /// the band or pattern.
  @inlinable
  public mutating func evaluate(analytic: (inout DenseMatrix) -> Void) {
    _factoredGamma = .nan
    cachedOneNorm = nil
    // Matrix-free without a pattern: nothing to store.
    if kind == .krylov && sparseJacobian == nil { return }
    analytic(&denseJacobian)
    gatherFromDense()
  }

  /// `J` at `(u, t)` by forward differences (coloured by the band or pattern), with
  /// `f0 = f(u, p, t)`.
  @inlinable
  public mutating func evaluate<F: ODEFunction>(
    _ f: F, _ p: F.Parameters, t: Double, u: State, f0: State, h: Double, errorNorm: ErrorNorm,
    stats: inout SolverStats
  ) where F.State == State {
    _factoredGamma = .nan
    cachedOneNorm = nil
    switch kind {
    case .dense:
      differences.dense(
        f, p, t: t, u: u, f0: f0, h: h, errorNorm: errorNorm, into: &denseJacobian,
        stats: &stats)
    case .banded:
      var band = bandedJacobian!
      bandedJacobian = nil
      differences.banded(
        f, p, t: t, u: u, f0: f0, h: h, errorNorm: errorNorm, into: &band, stats: &stats)
      bandedJacobian = band
    case .sparse, .krylov:
      guard var jacobian = sparseJacobian else { return }
      sparseJacobian = nil
      differences.sparse(
        f, p, t: t, u: u, f0: f0, h: h, errorNorm: errorNorm, colouring: colouring!,
        into: &jacobian, stats: &stats)
      sparseJacobian = jacobian
    }
  }

  /// Copies the band or pattern of ``denseJacobian`` into the banded or sparse `J`.
  @inlinable
  mutating func gatherFromDense() {
    switch kind {
    case .dense: return
    case .krylov where sparseJacobian == nil: return
    case .banded(let lower, let upper):
      var band = bandedJacobian!
      bandedJacobian = nil
      let n = band.size
      for j in 0..<n {
        for i in Swift.max(0, j - upper)...Swift.min(n - 1, j + lower) {
          band[i, j] = denseJacobian[i, j]
        }
      }
      bandedJacobian = band
    case .sparse, .krylov:
      var jacobian = sparseJacobian!
      sparseJacobian = nil
      let dense = denseJacobian
      jacobian.values.withUnsafeMutableBufferPointer { values in
        for j in 0..<jacobian.columns {
          for k in jacobian.columnPointers[j]..<jacobian.columnPointers[j + 1] {
            values[k] = dense[jacobian.rowIndices[k], j]
          }
        }
      }
      sparseJacobian = jacobian
    }
  }

  /// Factors `W = M − γJ` unless it is factored for this `γ` already; `false` when singular.
  @inlinable
  public mutating func factor(gamma: Double, stats: inout SolverStats) -> Bool {
    if gamma == factoredGamma { return true }
    stats.nfactorizations += 1
    let ok: Bool
    switch kind {
    case .dense:
      let j = denseJacobian
      let n = j.rows
      let mass = mass
      ok = denseLU.factor { w in
        j.storage.withUnsafeBufferPointer { a in
          w.storage.withUnsafeMutableBufferPointer { b in
            for index in 0..<(n * n) { b[index] = -gamma * a[index] }
          }
        }
        switch mass {
        case nil: for i in 0..<n { w[i, i] += 1 }
        case .diagonal(let d)?: for i in 0..<n { w[i, i] += d[i] }
        case .dense(let m)?:
          for c in 0..<n { for r in 0..<n { w[r, c] += m[r, c] } }
        }
      }
    case .banded(let lower, let upper):
      let band = bandedJacobian!
      let n = band.size
      let mass = mass
      ok = bandedLU!.factor { w in
        for j in 0..<n {
          for i in Swift.max(0, j - upper)...Swift.min(n - 1, j + lower) {
            w[i, j] = (i == j ? (mass?.diagonalEntry(i) ?? 1) : 0) - gamma * band[i, j]
          }
        }
      }
    case .sparse:
      var w = sparseW!
      sparseW = nil
      w.fillShifted(from: sparseJacobian!, gamma: gamma, mass: sparseMass)
      ok = sparseLU!.factor(w)
      sparseW = w
    case .krylov:
      // Only the preconditioner is factored; ILU(0) breaking down leaves GMRES without it.
      if var w = sparseW, let jacobian = sparseJacobian {
        sparseW = nil
        w.fillShifted(from: jacobian, gamma: gamma, mass: sparseMass)
        _ = krylov!.factorPreconditioner(w)
        sparseW = w
      }
      ok = true
    }
    _factoredGamma = ok ? gamma : .nan
    return ok
  }

  /// Whether ``solve(_:)`` needs the matrix-free form
  /// ``solve(_:_:_:t:x:fx:gamma:errorNorm:tolerance:stats:)``.
  public var isMatrixFree: Bool { kind == .krylov }

  /// `b ← W⁻¹ b` by GMRES with `W = I − γJ` at the Newton iterate `x` (`fx = f(x)`), to
  /// `tolerance` in the error weights; for the other kinds, the factorization.
  @inlinable
  public mutating func solve<F: ODEFunction>(
    _ b: inout State, _ f: F, _ p: F.Parameters, t: Double, x: State, fx: State, gamma: Double,
    errorNorm: ErrorNorm, tolerance: Double, stats: inout SolverStats
  ) where F.State == State {
    guard let krylov else {
      solve(&b)
      return
    }
    _ = krylov.solve(
      &b, f, p, t: t, x: x, fx: fx, gamma: gamma, errorNorm: errorNorm, tolerance: tolerance,
      massDiagonal: massDiagonal, stats: &stats)
  }

  /// `b ← W⁻¹ b` with the last factorization.
  @inlinable
  public mutating func solve(_ b: inout State) {
    switch kind {
    case .krylov: preconditionerFailure()
    case .dense: denseLU.solve(&b)
    case .banded: bandedLU!.solve(&b)
    case .sparse:
      let done: Void? = b.withContiguousMutableStorageIfAvailable { buffer in
        if State.Scalar.self == Double.self {
          buffer.withMemoryRebound(to: Double.self) { sparseLU!.solve($0) }
        }
      }
      if done != nil && State.Scalar.self == Double.self { return }
      let n = b.count
      for i in 0..<n { scratch[i] = Double(b[i]) }
      sparseLU!.solve(&scratch)
      for i in 0..<n { b[i] = State.Scalar(scratch[i]) }
    }
  }

  /// `‖J‖₁`, the largest column sum of `|J|` (an upper bound of the spectral radius; computed
  /// once per Jacobian); `nil` when matrix-free without a pattern.
  @inlinable
  public mutating func oneNorm() -> Double? {
    if let cachedOneNorm { return cachedOneNorm }
    let norm: Double
    switch kind {
    case .dense: norm = denseJacobian.oneNorm
    case .banded: norm = bandedJacobian!.oneNorm
    case .sparse, .krylov:
      guard let j = sparseJacobian else { return nil }
      norm = j.oneNorm
    }
    cachedOneNorm = norm
    return norm
  }

  /// The matrix-free kind has no factorization to solve with (a programming error in the
  /// method, never user input).
  @usableFromInline
  func preconditionerFailure() {
    preconditionFailure("a matrix-free NewtonMatrix needs solve(_:_:_:t:x:fx:gamma:...)")
  }
}
