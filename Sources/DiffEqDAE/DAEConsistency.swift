import DiffEqBase

/// The structural facts about a residual DAE the solvers check at the start: which
/// components are differential, and whether the problem has differential index 1.
///
/// Index 1 (in the split into differential `u_d` and algebraic `u_a` components) means that
/// `F(u′, u) = 0` determines `u′_d` and `u_a` from `u_d`: the matrix
/// `[∂F/∂u′_d  ∂F/∂u_a]` is nonsingular. That is the condition under which a BDF method
/// converges with the usual error control and under which ``BrownFullBasicInit`` can solve
/// for consistent values; an index-2 or index-3 formulation (a constraint on `u_d` alone,
/// say `0 = g(u_d)`, with `u_a` a multiplier) makes the matrix singular.
public enum DAEConsistency {
  /// `differentialVars` if given, else the components whose column of `∂F/∂u′` at
  /// `(du0, u0, t₀)` is not zero.
  public static func differentialVars<State: StateVector, Parameters: Sendable>(
    _ problem: DAEProblem<State, Parameters>
  ) -> [Bool] {
    if let given = problem.differentialVars { return given }
    var differences = DAEResidualDifferences(residual: problem.residual, prototype: problem.u0)
    let n = problem.u0.count
    let jacobian = differences.matrix(
      du: problem.du0, u: problem.u0, p: problem.p, t: problem.tspan.0,
      derivativeColumn: [Bool](repeating: true, count: n))
    return (0..<n).map { j in (0..<n).contains { jacobian[$0, j] != 0 } }
  }

  /// `nil` when `[∂F/∂u′_d  ∂F/∂u_a]` at `(du, u, t)` is nonsingular (index 1), otherwise
  /// a message saying that the index is too high and what to do. (Inlinable: it runs at the
  /// start of every DFBDF solve.)
  @inlinable
  public static func indexDiagnostic<State: StateVector, Parameters: Sendable>(
    residual: @escaping @Sendable (inout State, State, State, Parameters, Double) -> Void,
    du: State, u: State, p: Parameters, t: Double, differential: [Bool]
  ) -> String? {
    var differences = DAEResidualDifferences(residual: residual, prototype: u)
    let a = differences.matrix(du: du, u: u, p: p, t: t, derivativeColumn: differential)
    var lu = LUFactorization(size: a.rows)
    if lu.factor(a) { return nil }
    return indexTooHigh(a, t: t)
  }

  /// The message of ``indexDiagnostic(residual:du:u:p:t:differential:)`` for the singular
  /// matrix `a` at `t`, naming the equations whose rows are zero.
  @usableFromInline
  static func indexTooHigh(_ a: DenseMatrix, t: Double) -> String {
    let n = a.rows
    let zeroRows = (0..<n).filter { i in (0..<n).allSatisfy { a[i, $0] == 0 } }
    let rows =
      zeroRows.isEmpty
      ? ""
      : " (equation\(zeroRows.count == 1 ? "" : "s") \(zeroRows.map(String.init).joined(separator: ", ")) depend\(zeroRows.count == 1 ? "s" : "") on neither u′_d nor u_a)"
    return
      "the DAE's index is too high: [∂F/∂u′_d  ∂F/∂u_a] is singular at t = \(t)\(rows), so F = 0 does not determine u′ and the algebraic components (index ≥ 2, or differentialVars marks the wrong components); DFBDF solves index-1 problems: differentiate the constraints that involve only differential components (index reduction) or check differentialVars"
  }
}
