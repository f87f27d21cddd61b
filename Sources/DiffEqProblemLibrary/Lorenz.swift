import DiffEqBase

/// Lorenz 63, `x′ = σ(y − x)`, `y′ = x(ρ − z) − y`, `z′ = xy − βz`, with the classic
/// σ = 10, ρ = 28, β = 8/3 (chaotic; a timing problem). ../shared/reference/problems.json id
/// "lorenz".
public struct Lorenz: ODEFunction {
  /// The model.
  @inlinable public init() {}

  /// The right-hand side.
  @inlinable
  public func callAsFunction(
    _ du: inout [Double], _ u: [Double], _ p: NullParameters, _ t: Double
  ) {
    du[0] = 10.0 * (u[1] - u[0])
    du[1] = u[0] * (28.0 - u[2]) - u[1]
    du[2] = u[0] * u[1] - (8.0 / 3.0) * u[2]
  }

  /// `u(0) = (1, 0, 0)` on `tspan` (default `(0, 100)`).
  public static func problem(tspan: (Double, Double) = (0, 100)) -> ODEProblem<Lorenz> {
    ODEProblem(Lorenz(), u0: [1.0, 0.0, 0.0], tspan: tspan, p: NullParameters())
  }
}
