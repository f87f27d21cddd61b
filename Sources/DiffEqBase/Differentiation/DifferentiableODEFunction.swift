/// A right-hand side written once, generically over its scalar: it runs with `Double` in the
/// solve and with ``Dual`` numbers for exact Jacobians (``DualJacobian``; the stiff methods
/// use it through ``ODEProblem/withDualDerivatives()``).
///
/// ```swift
/// struct Robertson: DifferentiableODEFunction {
///   func evaluate<T: DiffEqReal>(_ du: inout [T], _ u: [T], _ p: NullParameters, _ t: T) {
///     du[0] = -0.04 * u[0] + 1e4 * u[1] * u[2]
///     du[1] = 0.04 * u[0] - 1e4 * u[1] * u[2] - 3e7 * u[1] * u[1]
///     du[2] = 3e7 * u[1] * u[1]
///   }
/// }
/// ```
public protocol DifferentiableODEFunction: ODEFunction where State == [Double] {
  /// Writes `f(u, p, t)` into `du` for any scalar `T`.
  func evaluate<T: DiffEqReal>(_ du: inout [T], _ u: [T], _ p: Parameters, _ t: T)
}

extension DifferentiableODEFunction {
  /// The `Double` evaluation the solvers call.
  @inlinable
  public func callAsFunction(_ du: inout [Double], _ u: [Double], _ p: Parameters, _ t: Double) {
    evaluate(&du, u, p, t)
  }
}
