import DiffEqBase

/// Shampine's initialization by a short implicit step (Shampine, "Solving 0 = F(t, y(t),
/// y′(t)) in Matlab", J. Numer. Math. 10, 2002; DifferentialEquations.jl's
/// `ShampineCollocationInit`): with `δ = initdt`, solve the backward-Euler collocation
///
/// ```
/// F((u − u₀)/δ, u, p, t₀) = 0   for every component of u
/// ```
///
/// by a damped Newton iteration (matrix `∂F/∂u + (1/δ) ∂F/∂u′`, differences), and start from
/// `u` with `u′ = (u − u₀)/δ` (`u′_a = 0` for the algebraic components). Unlike
/// ``BrownFullBasicInit`` it may move the differential components, by about `δ·u′`; it
/// needs no index-1 split. `initdt` defaults to `10⁻⁸ · max(1, |t_f − t₀|)`.
public struct ShampineCollocationInit: DAEInitializationAlgorithm {
  /// The step `δ` (`nil`: `10⁻⁸ · max(1, |t_f − t₀|)`).
  public var initdt: Double?
  /// The most Newton iterations (default 50).
  public var maxIterations: Int

  /// Shampine's initialization with step `initdt`.
  public init(initdt: Double? = nil, maxIterations: Int = 50) {
    self.initdt = initdt
    self.maxIterations = maxIterations
  }

  /// `"ShampineCollocationInit"`.
  public var name: String { "ShampineCollocationInit" }

  /// Consistent `(u′₀, u₀)` from one backward-Euler collocation step of size `initdt`.
  public func initialize<State: StateVector, Parameters: Sendable>(
    residual: @escaping @Sendable (inout State, State, State, Parameters, Double) -> Void,
    du0: State, u0: State, p: Parameters, tspan: (Double, Double), differential: [Bool],
    errorNorm: ErrorNorm
  ) throws -> (du: State, u: State) {
    let t0 = tspan.0
    let n = u0.count
    let delta = initdt ?? 1e-8 * max(1, abs(tspan.1 - tspan.0))
    guard delta > 0, delta.isFinite else {
      throw DiffEqError(field: "initdt", message: "is \(delta); give a small positive step")
    }
    var du = du0
    var u = u0
    var differences = DAEResidualDifferences(residual: residual, prototype: u0)
    var z = (0..<n).map { Double(u0[$0]) }
    func place(_ z: [Double]) {
      for j in 0..<n {
        u[j] = State.Scalar(z[j])
        du[j] = State.Scalar((z[j] - Double(u0[j])) / delta)
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
        let ju = differences.matrix(
          du: du, u: u, p: p, t: t0, derivativeColumn: [Bool](repeating: false, count: n))
        let jdu = differences.matrix(
          du: du, u: u, p: p, t: t0, derivativeColumn: [Bool](repeating: true, count: n))
        var m = ju
        for j in 0..<n { for i in 0..<n { m[i, j] += jdu[i, j] / delta } }
        return m
      },
      singular: { "∂F/∂u + (1/δ) ∂F/∂u′ is singular at the iterate (δ = \(delta))" })
    if let failure {
      throw DAEInitializationFailure("ShampineCollocationInit at t = \(t0): \(failure)")
    }
    place(z)
    for j in 0..<n where !differential[j] { du[j] = State.Scalar(0) }
    return (du, u)
  }
}
