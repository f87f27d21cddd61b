import DiffEqBase

/// Any explicit Runge–Kutta method given by a tableau value (DifferentialEquations.jl's
/// `ExplicitRK(tableau = …)`).
///
/// Use it for a tableau of your own, or to hold methods of different types in one array
/// while keeping every solve fully specialised:
///
/// ```swift
/// let methods = [ExplicitRK(Tsit5()), ExplicitRK(Vern7()), ExplicitRK(DP8())]
/// for m in methods { let sol = try solve(prob, m, reltol: 1e-8) }
/// ```
public struct ExplicitRK: ExplicitRKAlgorithm {
  /// The coefficients.
  public let tableau: ExplicitRKTableau
  /// The controller defaults.
  public let controllerDefaults: ControllerDefaults

  /// A method from a tableau; the controller defaults are DifferentialEquations.jl's for the
  /// tableau's order unless given.
  public init(tableau: ExplicitRKTableau, controllerDefaults: ControllerDefaults? = nil) {
    self.tableau = tableau
    self.controllerDefaults = controllerDefaults ?? ControllerDefaults(order: tableau.order)
  }

  /// The same method as `alg` (same tableau and controller defaults).
  public init<A: ExplicitRKAlgorithm>(_ alg: A) {
    self.init(tableau: alg.tableau, controllerDefaults: alg.controllerDefaults)
  }
}
