import DiffEqBase

/// The default initialization: the given `(u′₀, u₀)` must already satisfy
/// `|Fᵢ(u′₀, u₀, p, t₀)| ≤ abstolᵢ` for every equation `i` (DifferentialEquations.jl's
/// `CheckInit`, which compares the residual with `abstol`); otherwise the solve throws a
/// ``DiffEqError`` (field `"u0"`) naming the equations that fail, their residuals, and the
/// policies that would compute consistent values.
public struct CheckInit: DAEInitializationAlgorithm {
  /// The check.
  public init() {}

  /// `"CheckInit"`.
  public var name: String { "CheckInit" }

  /// Returns `(du0, u0)` unchanged when consistent; throws otherwise.
  public func initialize<State: StateVector, Parameters: Sendable>(
    residual: @escaping @Sendable (inout State, State, State, Parameters, Double) -> Void,
    du0: State, u0: State, p: Parameters, tspan: (Double, Double), differential: [Bool],
    errorNorm: ErrorNorm
  ) throws -> (du: State, u: State) {
    let t0 = tspan.0
    var res = u0.zeroed()
    residual(&res, du0, u0, p, t0)
    var bad: [(Int, Double)] = []
    for i in 0..<res.count {
      let r = Double(res[i])
      let atol = errorNorm.abstols.isEmpty ? errorNorm.abstol : errorNorm.abstols[i]
      if !(abs(r) <= atol) { bad.append((i, r)) }
    }
    guard !bad.isEmpty else { return (du0, u0) }
    let listed = bad.prefix(5).map { "equation \($0.0): F = \($0.1)" }.joined(separator: ", ")
    let more = bad.count > 5 ? " and \(bad.count - 5) more" : ""
    throw DiffEqError(
      field: "u0",
      message:
        "(du0, u0) is not consistent at t = \(t0): \(listed)\(more) exceed abstol; fix du0 and u0, or pass initialization: BrownFullBasicInit() (solves for the algebraic u and the differential u′) or ShampineCollocationInit()"
    )
  }
}
