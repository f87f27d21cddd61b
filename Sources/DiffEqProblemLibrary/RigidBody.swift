import DiffEqBase

/// Euler's free rigid body with I = (−2, 1.25, −0.5): `y₁′ = −2y₂y₃`, `y₂′ = 1.25y₁y₃`,
/// `y₃′ = −0.5y₁y₂`, `y(0) = (1, 0, 0.9)` (HNW I, p. 244; DiffEqProblemLibrary.jl
/// `prob_ode_rigidbody`; problems.json id "rigidbody").
public struct RigidBody: ODEFunction {
  /// The model.
  @inlinable public init() {}

  /// The right-hand side.
  @inlinable
  public func callAsFunction(
    _ du: inout [Double], _ u: [Double], _ p: NullParameters, _ t: Double
  ) {
    du[0] = -2.0 * u[1] * u[2]
    du[1] = 1.25 * u[0] * u[2]
    du[2] = -0.5 * u[0] * u[1]
  }

  /// `y(20)` from the closed form with Jacobi elliptic functions (problems.json "rigidbody",
  /// `y(20)_analytic_scipy_ellipj`).
  public static let referenceAt20: [Double] = [
    0.6062038539648114, 0.6287472104501786, 0.8073851485756014,
  ]

  /// The problem on `(0, tEnd)` (default 20, where ``referenceAt20`` applies).
  public static func problem(tEnd: Double = 20) -> ODEProblem<RigidBody> {
    ODEProblem(RigidBody(), u0: [1.0, 0.0, 0.9], tspan: (0, tEnd), p: NullParameters())
  }
}
