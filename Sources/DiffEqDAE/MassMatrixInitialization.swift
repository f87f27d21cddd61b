import DiffEqBase

extension DAEInitializationAlgorithm {
  /// `problem` — a mass-matrix DAE `M u′ = f(u, p, t)` for the Rosenbrock and BDF methods —
  /// with consistent initial values, seen as the residual `F(u′, u) = M u′ − f(u)` whose
  /// differential components are the nonzero columns of `M`:
  ///
  /// - ``CheckInit`` checks the algebraic equations (the zero rows of `M`),
  ///   `|fᵢ(u₀)| ≤ abstolᵢ`, and throws a ``DiffEqError`` naming those that fail;
  /// - ``BrownFullBasicInit`` solves for the algebraic components holding the differential
  ///   ones; ``ShampineCollocationInit`` takes its short implicit step.
  ///
  /// Returns the problem with the consistent `u0`; a failed solve throws
  /// ``DAEInitializationFailure``.
  ///
  /// ```swift
  /// let consistent = try BrownFullBasicInit().consistentProblem(prob, abstol: 1e-10)
  /// let sol = try solve(consistent, Rodas5P())
  /// ```
  public func consistentProblem<F: ODEFunction>(
    _ problem: ODEProblem<F>, abstol: some AbsoluteTolerance = 1e-6, reltol: Double = 1e-3
  ) throws -> ODEProblem<F> {
    let options = ODESolverOptions(abstol: abstol, reltol: reltol)
    let errorNorm = ErrorNorm(abstol: options.abstol, reltol: reltol, norm: .rms)
    let n = problem.u0.count
    guard let mass = StiffMassMatrix(problem.massMatrix) else { return problem }
    guard problem.massMatrix?.size == n else {
      throw DiffEqError(
        field: "massMatrix", message: "is not \(n) × \(n), the size of u0")
    }
    let m = problem.massMatrix!.dense!
    let differential = (0..<n).map { j in (0..<n).contains { m[$0, j] != 0 } }
    let algebraicRows = (0..<n).filter { i in (0..<n).allSatisfy { m[i, $0] == 0 } }
    let f = problem.f
    var fu = problem.u0.zeroed()
    f(&fu, problem.u0, problem.p, problem.tspan.0)
    if self is CheckInit {
      var bad: [(Int, Double)] = []
      for i in algebraicRows {
        let atol = errorNorm.abstols.isEmpty ? errorNorm.abstol : errorNorm.abstols[i]
        if !(abs(Double(fu[i])) <= atol) { bad.append((i, Double(fu[i]))) }
      }
      guard bad.isEmpty else {
        let listed = bad.prefix(5).map { "equation \($0.0): f = \($0.1)" }
          .joined(separator: ", ")
        throw DiffEqError(
          field: "u0",
          message:
            "u0 does not satisfy the algebraic equations of M u′ = f at t = \(problem.tspan.0): \(listed) exceed abstol; fix u0, or make it consistent with BrownFullBasicInit().consistentProblem(prob)"
        )
      }
      return problem
    }
    let residual: @Sendable (inout F.State, F.State, F.State, F.Parameters, Double) -> Void = {
      res, du, u, p, t in
      var value = u.zeroed()
      f(&value, u, p, t)
      mass.multiply(du, into: &res)
      for i in 0..<res.count { res[i] = res[i] - value[i] }
    }
    // u′ guess: fᵢ/Mᵢᵢ on a nonzero diagonal, 0 elsewhere (Brown solves for it).
    var du0 = problem.u0.zeroed()
    for i in 0..<n where m[i, i] != 0 { du0[i] = F.State.Scalar(Double(fu[i]) / m[i, i]) }
    let (_, u) = try initialize(
      residual: residual, du0: du0, u0: problem.u0, p: problem.p, tspan: problem.tspan,
      differential: differential, errorNorm: errorNorm)
    var consistent = problem
    consistent.u0 = u
    return consistent
  }
}
