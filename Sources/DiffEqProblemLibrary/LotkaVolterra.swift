import DiffEqBase

/// Lotka–Volterra, `x′ = ax − bxy`, `y′ = −cy + dxy` with a = 1.5, b = 1, c = 3, d = 1 and
/// `x(0) = y(0) = 1` (SciMLBenchmarks / DiffEqProblemLibrary; problems.json id
/// "lotka_volterra"). `V = dx − c ln x + by − a ln y` is conserved.
public struct LotkaVolterra: ODEFunction {
  /// The model.
  @inlinable public init() {}

  /// The right-hand side.
  @inlinable
  public func callAsFunction(
    _ du: inout [Double], _ u: [Double], _ p: NullParameters, _ t: Double
  ) {
    du[0] = 1.5 * u[0] - 1.0 * u[0] * u[1]
    du[1] = -3.0 * u[1] + 1.0 * u[0] * u[1]
  }

  /// The problem on `(0, tEnd)` (default 10).
  public static func problem(tEnd: Double = 10) -> ODEProblem<LotkaVolterra> {
    ODEProblem(LotkaVolterra(), u0: [1.0, 1.0], tspan: (0, tEnd), p: NullParameters())
  }
}
