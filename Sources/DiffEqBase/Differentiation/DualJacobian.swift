import Synchronization

/// Exact Jacobians `∂f/∂u` and time derivatives `∂f/∂t` of a ``DifferentiableODEFunction`` by
/// forward-mode dual numbers: the columns in chunks of ``chunkSize``, `⌈n/8⌉` evaluations of the
/// model with ``Dual``s (plus one for `∂f/∂t`). The dual vectors are made once.
public struct DualJacobian: Sendable {
  /// Columns per evaluation.
  public static var chunkSize: Int { 8 }
  /// `u` seeded (scratch).
  @usableFromInline var u: [Dual<8>]
  /// `f(u)` in duals (scratch).
  @usableFromInline var du: [Dual<8>]

  /// Scratch for `n` equations.
  public init(size n: Int) {
    u = [Dual<8>](repeating: Dual(0), count: n)
    du = [Dual<8>](repeating: Dual(0), count: n)
  }

  /// Writes `∂f/∂u(u, p, t)` into `jacobian` (`n × n`).
  @inlinable
  public mutating func jacobian<F: DifferentiableODEFunction>(
    _ f: F, _ state: [Double], _ p: F.Parameters, _ t: Double, into jacobian: inout DenseMatrix
  ) {
    let n = state.count
    let time = Dual<8>(t)
    var first = 0
    while first < n {
      for i in 0..<n { u[i] = Dual(state[i], seed: i - first) }
      f.evaluate(&du, u, p, time)
      let width = Swift.min(Self.chunkSize, n - first)
      for k in 0..<width {
        for i in 0..<n { jacobian[i, first + k] = du[i].partials[k] }
      }
      first += Self.chunkSize
    }
  }

  /// Writes `∂f/∂u(u, p, t)` at the nonzeros of `pattern` into `jacobian` (entries outside the
  /// pattern are left as they are), seeding the columns of each colour of `colouring`
  /// together: a column group of structurally orthogonal columns shares one partial, so
  /// `⌈colours/8⌉` evaluations of the model in duals give every nonzero (Curtis–Powell–Reid
  /// compression, as the coloured differences use it) instead of `⌈n/8⌉`.
  @inlinable
  public mutating func jacobian<F: DifferentiableODEFunction>(
    _ f: F, _ state: [Double], _ p: F.Parameters, _ t: Double, pattern: SparseMatrixCSC,
    colouring: ColumnColouring, into jacobian: inout DenseMatrix
  ) {
    let n = state.count
    let time = Dual<8>(t)
    var firstColour = 0
    while firstColour < colouring.count {
      let lastColour = Swift.min(firstColour + Self.chunkSize, colouring.count)
      for i in 0..<n { u[i] = Dual(state[i]) }
      for c in firstColour..<lastColour {
        for index in colouring.groupStarts[c]..<colouring.groupStarts[c + 1] {
          let j = colouring.columns[index]
          u[j] = Dual(state[j], seed: c - firstColour)
        }
      }
      f.evaluate(&du, u, p, time)
      for c in firstColour..<lastColour {
        for index in colouring.groupStarts[c]..<colouring.groupStarts[c + 1] {
          let j = colouring.columns[index]
          for k in pattern.columnPointers[j]..<pattern.columnPointers[j + 1] {
            let i = pattern.rowIndices[k]
            jacobian[i, j] = du[i].partials[c - firstColour]
          }
        }
      }
      firstColour = lastColour
    }
  }

  /// Writes `∂f/∂t(u, p, t)` into `out`.
  @inlinable
  public mutating func timeDerivative<F: DifferentiableODEFunction>(
    _ f: F, _ state: [Double], _ p: F.Parameters, _ t: Double, into out: inout [Double]
  ) {
    for i in 0..<state.count { u[i] = Dual(state[i]) }
    f.evaluate(&du, u, p, Dual(t, seed: 0))
    for i in 0..<state.count { out[i] = du[i].partials[0] }
  }
}

/// A ``DualJacobian`` that closures can share (a solve's Jacobian closure; the lock is
/// uncontended within one solve and keeps concurrent solves of one problem correct).
public final class SharedDualJacobian: Sendable {
  private let scratch: Mutex<DualJacobian>

  /// Scratch for `n` equations.
  public init(size n: Int) {
    scratch = Mutex(DualJacobian(size: n))
  }

  /// ``DualJacobian/jacobian(_:_:_:_:into:)``.
  public func jacobian<F: DifferentiableODEFunction>(
    _ f: F, _ state: [Double], _ p: F.Parameters, _ t: Double, into jacobian: inout DenseMatrix
  ) {
    scratch.withLock { $0.jacobian(f, state, p, t, into: &jacobian) }
  }

  /// ``DualJacobian/jacobian(_:_:_:_:pattern:colouring:into:)``.
  public func jacobian<F: DifferentiableODEFunction>(
    _ f: F, _ state: [Double], _ p: F.Parameters, _ t: Double, pattern: SparseMatrixCSC,
    colouring: ColumnColouring, into jacobian: inout DenseMatrix
  ) {
    scratch.withLock {
      $0.jacobian(f, state, p, t, pattern: pattern, colouring: colouring, into: &jacobian)
    }
  }

  /// ``DualJacobian/timeDerivative(_:_:_:_:into:)``.
  public func timeDerivative<F: DifferentiableODEFunction>(
    _ f: F, _ state: [Double], _ p: F.Parameters, _ t: Double, into out: inout [Double]
  ) {
    scratch.withLock { $0.timeDerivative(f, state, p, t, into: &out) }
  }
}

extension ODEProblem where F: DifferentiableODEFunction {
  /// The same problem with `jac` and `tgrad` computed exactly by dual numbers from the generic
  /// model (for the stiff methods; an analytic `jac` already set is replaced). With a
  /// `.sparse(pattern)` `jacPrototype` the columns are seeded by colour groups
  /// (``ColumnColouring``): `⌈colours/8⌉` dual evaluations per Jacobian instead of `⌈n/8⌉`,
  /// the entries outside the pattern zero.
  public func withDualDerivatives() -> ODEProblem {
    var problem = self
    let shared = SharedDualJacobian(size: u0.count)
    let model = f
    if case .sparse(let pattern)? = jacPrototype {
      let colouring = ColumnColouring(pattern: pattern)
      problem.jac = { jacobian, u, p, t in
        jacobian.fill(0)
        shared.jacobian(model, u, p, t, pattern: pattern, colouring: colouring, into: &jacobian)
      }
    } else {
      problem.jac = { jacobian, u, p, t in shared.jacobian(model, u, p, t, into: &jacobian) }
    }
    problem.tgrad = { out, u, p, t in shared.timeDerivative(model, u, p, t, into: &out) }
    return problem
  }
}
