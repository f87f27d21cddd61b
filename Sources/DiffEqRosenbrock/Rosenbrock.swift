/// Any Rosenbrock method given by a tableau value (like `ExplicitRK` for the explicit
/// methods): for a tableau of your own, or to hold different methods in one array while every
/// solve stays fully specialised.
///
/// ```swift
/// let methods = [Rosenbrock(Rodas4()), Rosenbrock(Rodas5P())]
/// for m in methods { let sol = try solve(prob, m, reltol: 1e-8) }
/// ```
public struct Rosenbrock: RosenbrockAlgorithm {
  /// The coefficients.
  public let tableau: RosenbrockTableau

  /// A method from a tableau.
  public init(tableau: RosenbrockTableau) {
    self.tableau = tableau
  }

  /// The same method as `alg`.
  public init<A: RosenbrockAlgorithm>(_ alg: A) {
    tableau = alg.tableau
  }
}
