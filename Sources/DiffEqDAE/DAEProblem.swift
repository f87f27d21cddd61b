import DiffEqBase

/// A differential-algebraic equation in residual form,
///
/// ```
/// F(u′, u, p, t) = 0,   u(t₀) = u0,   u′(t₀) = du0,   t ∈ tspan,
/// ```
///
/// DifferentialEquations.jl's `DAEProblem` (SUNDIALS IDA's and DASSL's form). `residual`
/// writes `F` into its first argument (every component). `differentialVars[i]` says whether
/// `uᵢ` is differential (`u′ᵢ` appears in `F`) or algebraic; when `nil` it is read off
/// `∂F/∂u′` at the start (a zero column is algebraic). The initial values must be consistent,
/// `F(du0, u0, p, t₀) ≈ 0`, or an initialization policy (``BrownFullBasicInit``,
/// ``ShampineCollocationInit``) must make them so (``CheckInit``, the default, only checks).
///
/// ```swift
/// let prob = DAEProblem(du0: du0, u0: u0, tspan: (0.0, 1e5), p: p,
///                       differentialVars: [true, true, false]) { res, du, u, p, t in
///   res[0] = -0.04 * u[0] + 1e4 * u[1] * u[2] - du[0]
///   res[1] = 0.04 * u[0] - 1e4 * u[1] * u[2] - 3e7 * u[1] * u[1] - du[1]
///   res[2] = u[0] + u[1] + u[2] - 1
/// }
/// let sol = try solve(prob, DFBDF(), abstol: 1e-8, reltol: 1e-8)
/// ```
///
/// The methods need the iteration matrix `∂F/∂u + c ∂F/∂u′` (`c = α₀/h` for a BDF step);
/// give it analytically with `jac` or let them take it by differences (dense, banded or
/// coloured by a sparse `jacPrototype`).
public struct DAEProblem<State: StateVector, Parameters: Sendable>: Sendable {
  /// `F(&res, du, u, p, t)`.
  public var residual: @Sendable (inout State, State, State, Parameters, Double) -> Void
  /// `u′(t₀)`.
  public var du0: State
  /// `u(t₀)`.
  public var u0: State
  /// `(t₀, t_f)`.
  public var tspan: (Double, Double)
  /// The parameters.
  public var p: Parameters
  /// Which components are differential (`nil`: read off `∂F/∂u′` at the start).
  public var differentialVars: [Bool]?
  /// The analytic iteration matrix `jac(&J, du, u, p, c, t)`: `J = ∂F/∂u + c ∂F/∂u′`
  /// (every entry written, or at least every nonzero after `J` is zeroed).
  public var jac: (@Sendable (inout DenseMatrix, State, State, Parameters, Double, Double) -> Void)?
  /// The sparsity of `∂F/∂u + c ∂F/∂u′` (banded or sparse; `nil`: dense).
  public var jacPrototype: JacobianPrototype?

  /// A DAE `F(u′, u, p, t) = 0` from `residual` (in place: `residual(&res, du, u, p, t)`).
  @inlinable
  public init(
    du0: State, u0: State, tspan: (Double, Double), p: Parameters,
    differentialVars: [Bool]? = nil,
    jac: (@Sendable (inout DenseMatrix, State, State, Parameters, Double, Double) -> Void)? = nil,
    jacPrototype: JacobianPrototype? = nil,
    _ residual: @escaping @Sendable (inout State, State, State, Parameters, Double) -> Void
  ) {
    self.residual = residual
    self.du0 = du0
    self.u0 = u0
    self.tspan = tspan
    self.p = p
    self.differentialVars = differentialVars
    self.jac = jac
    self.jacPrototype = jacPrototype
  }

  /// Throws a ``DiffEqError`` naming the field for sizes that disagree, a non-finite or empty
  /// time span, non-finite initial values or a malformed sparsity.
  public func validate() throws {
    let n = u0.count
    guard n > 0 else {
      throw DiffEqError(field: "u0", message: "is empty; a DAE needs at least one component")
    }
    guard du0.count == n else {
      throw DiffEqError(
        field: "du0", message: "has \(du0.count) components but u0 has \(n); give one u′ per u")
    }
    if let d = differentialVars, d.count != n {
      throw DiffEqError(
        field: "differentialVars",
        message:
          "has \(d.count) entries but u0 has \(n); give true (differential) or false (algebraic) per component"
      )
    }
    guard tspan.0.isFinite, tspan.1.isFinite, tspan.0 != tspan.1 else {
      throw DiffEqError(
        field: "tspan", message: "is \(tspan); give finite, distinct start and end times")
    }
    for i in 0..<n where !Double(u0[i]).isFinite {
      throw DiffEqError(field: "u0", message: "component \(i) is \(u0[i]); it must be finite")
    }
    for i in 0..<n where !Double(du0[i]).isFinite {
      throw DiffEqError(field: "du0", message: "component \(i) is \(du0[i]); it must be finite")
    }
    switch jacPrototype {
    case .banded(let lower, let upper)?:
      guard lower >= 0, upper >= 0 else {
        throw DiffEqError(
          field: "jacPrototype", message: "band widths \(lower), \(upper) must not be negative")
      }
    case .sparse(let pattern)?:
      guard pattern.rows == n, pattern.columns == n else {
        throw DiffEqError(
          field: "jacPrototype",
          message: "the pattern is \(pattern.rows) × \(pattern.columns); it must be \(n) × \(n)")
      }
    case nil: break
    }
  }
}
