import DiffEqBase

/// Brown, Hindmarsh & Petzold's initialization for index-1 DAEs (SUNDIALS IDA's
/// `IDACalcIC` with `IDA_YA_YDP_INIT`; DifferentialEquations.jl's `BrownFullBasicInit`):
/// holding the differential components `u_d` fixed, solve
///
/// ```
/// F(u′, u, p, t₀) = 0   for   u′_d and u_a
/// ```
///
/// by a damped Newton iteration with the dense matrix `[∂F/∂u′_d  ∂F/∂u_a]` (differences),
/// from the given guess. `u′_a` does not appear in an index-1 residual and is kept. A
/// singular matrix means the index is too high (``DAEConsistency``), a failure to converge
/// a bad guess or an inconsistent model: both end the solve with
/// ``ReturnCode/initialFailure`` and a diagnostic.
public struct BrownFullBasicInit: DAEInitializationAlgorithm {
  /// The most Newton iterations (default 50).
  public var maxIterations: Int

  /// Brown's initialization with at most `maxIterations` Newton steps.
  public init(maxIterations: Int = 50) {
    self.maxIterations = maxIterations
  }

  /// `"BrownFullBasicInit"`.
  public var name: String { "BrownFullBasicInit" }

  /// Consistent `(u′₀, u₀)` with the differential `u₀` unchanged.
  public func initialize<State: StateVector, Parameters: Sendable>(
    residual: @escaping @Sendable (inout State, State, State, Parameters, Double) -> Void,
    du0: State, u0: State, p: Parameters, tspan: (Double, Double), differential: [Bool],
    errorNorm: ErrorNorm
  ) throws -> (du: State, u: State) {
    let t0 = tspan.0
    let n = u0.count
    var du = du0
    var u = u0
    var differences = DAEResidualDifferences(residual: residual, prototype: u0)
    // z: u′ⱼ for the differential components, uⱼ for the algebraic ones.
    var z = (0..<n).map { differential[$0] ? Double(du0[$0]) : Double(u0[$0]) }
    func place(_ z: [Double]) {
      for j in 0..<n {
        if differential[j] { du[j] = State.Scalar(z[j]) } else { u[j] = State.Scalar(z[j]) }
      }
    }
    let failure = DAEInitializationNewton.solve(
      &z, maxIterations: maxIterations, errorNorm: errorNorm,
      residual: { trial in
        place(trial)
        return differences.value(du: du, u: u, p: p, t: t0)
      },
      jacobian: { trial in
        place(trial)
        return differences.matrix(du: du, u: u, p: p, t: t0, derivativeColumn: differential)
      },
      singular: {
        DAEConsistency.indexDiagnostic(
          residual: residual, du: du, u: u, p: p, t: t0, differential: differential)
          ?? "[∂F/∂u′_d  ∂F/∂u_a] is singular at the iterate"
      })
    if let failure {
      throw DAEInitializationFailure("BrownFullBasicInit at t = \(t0): \(failure)")
    }
    place(z)
    return (du, u)
  }
}
