import DiffEqBase

/// The Arenstorf orbit of the restricted three-body problem (Hairer–Nørsett–Wanner I,
/// p. 129; equations as in DiffEqProblemLibrary.jl `prob_ode_threebody`; problems.json id
/// "arenstorf"), with `μ = 0.012277471`, `μ′ = 1 − μ`,
///
/// ```
/// D₁ = ((y₁ + μ)² + y₂²)^(3/2),  D₂ = ((y₁ − μ′)² + y₂²)^(3/2)
/// y₁″ = y₁ + 2y₂′ − μ′(y₁ + μ)/D₁ − μ(y₁ − μ′)/D₂,  y₂″ = y₂ − 2y₁′ − μ′y₂/D₁ − μy₂/D₂
/// ```
///
/// periodic with period ``period``: `y(T) = y₀`.
public struct Arenstorf: ODEFunction {
  /// The model.
  @inlinable public init() {}

  /// The right-hand side.
  @inlinable
  public func callAsFunction(
    _ du: inout [Double], _ u: [Double], _ p: NullParameters, _ t: Double
  ) {
    let mu = 0.012277471
    let mup = 1 - mu
    let r1 = (u[0] + mu) * (u[0] + mu) + u[1] * u[1]
    let r2 = (u[0] - mup) * (u[0] - mup) + u[1] * u[1]
    let d1 = r1 * r1.squareRoot()
    let d2 = r2 * r2.squareRoot()
    du[0] = u[2]
    du[1] = u[3]
    du[2] = u[0] + 2 * u[3] - mup * (u[0] + mu) / d1 - mu * (u[0] - mup) / d2
    du[3] = u[1] - 2 * u[2] - mup * u[1] / d1 - mu * u[1] / d2
  }

  /// problems.json "arenstorf" `y0_str`.
  public static let initialValue: [Double] = [
    0.994, 0.0, 0.0, -2.00158510637908252240537862224,
  ]

  /// problems.json "arenstorf" `tend_str` (HNW I, p. 129): `17.0652165601579625588917206249`.
  public static let period = 17.0652165601579625588917206249

  /// The orbit on `(0, tEnd)` (default one period).
  public static func problem(tEnd: Double = period) -> ODEProblem<Arenstorf> {
    ODEProblem(Arenstorf(), u0: initialValue, tspan: (0, tEnd), p: NullParameters())
  }
}
