/// The buffers of a matrix-free Newton–Krylov solve (``NewtonMatrix`` with a GMRES linear
/// solver): the GMRES workspace, right-hand side, solution and error weights as plain arrays,
/// the perturbed state and its `f` for the directional differences, and the ILU(0)
/// preconditioner of `I − γJ` when the Jacobian's sparsity is known.
///
/// A reference type so that the operator closure can write its scratch states while GMRES
/// works on its own buffers (distinct properties of one object). Scratch only: it belongs to
/// one integrator, which never runs two solves at once.
public final class KrylovWorkspace<State: StateVector>: @unchecked Sendable {
  @usableFromInline var gmres: GMRES
  @usableFromInline var rhs: [Double]
  @usableFromInline var solution: [Double]
  @usableFromInline var weights: [Double]
  @usableFromInline var perturbed: State
  @usableFromInline var fPerturbed: State
  @usableFromInline var ilu: IncompleteLUPreconditioner?
  /// GMRES iterations over the solve.
  @inlinable public var iterations: Int { _iterations }
  @usableFromInline var _iterations = 0
  /// Linear solves that did not reach their tolerance (Newton then judges the iterate).
  @inlinable public var failures: Int { _failures }
  @usableFromInline var _failures = 0

  /// Buffers for states shaped like `prototype`, GMRES(`restart`), and ILU(0) on
  /// `preconditionerPattern` (the pattern of `I − γJ`) when given.
  public init(prototype: State, restart: Int, preconditionerPattern: SparseMatrixCSC?) {
    let n = prototype.count
    gmres = GMRES(size: n, restart: restart, maxRestarts: 5)
    gmres.reorthogonalizationThreshold = 0
    rhs = [Double](repeating: 0, count: n)
    solution = [Double](repeating: 0, count: n)
    weights = [Double](repeating: 1, count: n)
    perturbed = prototype.zeroed()
    fPerturbed = prototype.zeroed()
    ilu = preconditionerPattern.flatMap { IncompleteLUPreconditioner(pattern: $0) }
  }

  /// Solves `(M − γJ) δ = b` in place (`b ← δ`; `M = diag(massDiagonal)`, the identity when
  /// `nil`) with `J·v ≈ (f(x + σv) − f(x))/σ`,
  /// `σ = 1/‖v‖_W` (CVODE's `cvLsDQJtimes`), until `‖b − Wδ‖_W ≤ tolerance` in the error
  /// weights `wᵢ = 1/(abstolᵢ + reltol·|xᵢ|)` (divided by `γ` on the algebraic rows,
  /// `Mᵢᵢ = 0`); `fx = f(x)`. Returns whether GMRES converged.
  @inlinable
  public func solve<F: ODEFunction>(
    _ b: inout State, _ f: F, _ p: F.Parameters, t: Double, x: State, fx: State, gamma: Double,
    errorNorm: ErrorNorm, tolerance: Double, massDiagonal: [Double]? = nil,
    stats: inout SolverStats
  ) -> Bool where F.State == State {
    let n = b.count
    for i in 0..<n {
      rhs[i] = Double(b[i])
      solution[i] = 0
      let atol = errorNorm.abstols.isEmpty ? errorNorm.abstol : errorNorm.abstols[i]
      weights[i] = 1 / (atol + errorNorm.reltol * abs(Double(x[i])))
      // An algebraic row (Mᵢᵢ = 0) of M − γJ is γ times the constraint's own Jacobian row:
      // its residual is measured unscaled (as IDA measures F), not γ times smaller.
      if let massDiagonal, massDiagonal[i] == 0 { weights[i] /= gamma }
    }
    var evaluations = 0
    let usesILU = ilu?.isFactored == true
    let result = rhs.withUnsafeBufferPointer { rhs in
      solution.withUnsafeMutableBufferPointer { solution in
        weights.withUnsafeBufferPointer { weights in
          gmres.solve(
            rhs, into: solution, tolerance: tolerance, weights: weights,
            apply: { v, out in
              var sum = 0.0
              for i in 0..<n {
                let q = weights[i] * v[i]
                sum += q * q
              }
              let vnorm = (sum / Double(n)).squareRoot()
              let sigma = vnorm > 0 ? 1 / vnorm : 1
              for i in 0..<n { perturbed[i] = x[i] + State.Scalar(sigma * v[i]) }
              f(&fPerturbed, perturbed, p, t)
              evaluations += 1
              let scale = gamma / sigma
              if let massDiagonal {
                for i in 0..<n {
                  out[i] = massDiagonal[i] * v[i] - scale * (Double(fPerturbed[i]) - Double(fx[i]))
                }
              } else {
                for i in 0..<n {
                  out[i] = v[i] - scale * (Double(fPerturbed[i]) - Double(fx[i]))
                }
              }
            },
            preconditioner: { v in
              if usesILU { ilu!.apply(v) }
            })
        }
      }
    }
    stats.nf += evaluations
    _iterations += result.iterations
    if !result.converged { _failures += 1 }
    for i in 0..<n { b[i] = State.Scalar(solution[i]) }
    return result.converged || result.residualNorm.isFinite
  }

  /// Refactors the preconditioner from `W = M − γJ` (its pattern's values); `false` when
  /// ILU(0) breaks down (GMRES then runs unpreconditioned).
  @inlinable
  func factorPreconditioner(_ w: SparseMatrixCSC) -> Bool {
    guard ilu != nil else { return true }
    return ilu!.factor(w)
  }
}
