import DiffEqBase

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Kepler's two-body problem `q′ = p`, `p′ = −q/|q|³` (Hairer–Lubich–Wanner, "Geometric
/// Numerical Integration", I.2; problems.json id "kepler"). From the pericentre with
/// eccentricity `e`, `y₀ = (1 − e, 0, 0, √((1 + e)/(1 − e)))`; period `2π`; invariants
/// `H = |p|²/2 − 1/|q| = −1/2` and `L = q₁p₂ − q₂p₁ = √(1 − e²)`.
public struct Kepler: ODEFunction {
  /// The model.
  @inlinable public init() {}

  /// The right-hand side.
  @inlinable
  public func callAsFunction(
    _ du: inout [Double], _ u: [Double], _ p: NullParameters, _ t: Double
  ) {
    let r2 = u[0] * u[0] + u[1] * u[1]
    let r3 = r2 * r2.squareRoot()
    du[0] = u[2]
    du[1] = u[3]
    du[2] = -u[0] / r3
    du[3] = -u[1] / r3
  }

  /// The problem on `(0, tEnd)` for eccentricity `e` (default 0.6: `y₀ = (0.4, 0, 0, 2)`).
  public static func problem(eccentricity e: Double = 0.6, tEnd: Double) -> ODEProblem<Kepler> {
    ODEProblem(
      Kepler(), u0: [1 - e, 0, 0, ((1 + e) / (1 - e)).squareRoot()], tspan: (0, tEnd),
      p: NullParameters())
  }

  /// The closed form (problems.json "kepler", `reference.analytic`): solve `E − e sin E = t`
  /// by Newton's method, then `q = (cos E − e, √(1 − e²) sin E)`,
  /// `p = (−sin E, √(1 − e²) cos E)/(1 − e cos E)`.
  public static func exact(_ t: Double, eccentricity e: Double = 0.6) -> [Double] {
    var anomaly = t + e * sin(t)
    for _ in 0..<50 {
      let step = (anomaly - e * sin(anomaly) - t) / (1 - e * cos(anomaly))
      anomaly -= step
      if abs(step) < 1e-16 * max(1, abs(anomaly)) { break }
    }
    let s = sin(anomaly)
    let c = cos(anomaly)
    let root = (1 - e * e).squareRoot()
    let d = 1 - e * c
    return [c - e, root * s, -s / d, root * c / d]
  }
}
