import DiffEqBase

/// The van der Pol oscillator with parameter μ in its unscaled form (MATLAB's `vdp1000`
/// demo with μ = 1000 on [0, 3000]; the Test Set's VDPOL is the time-scaled variant):
///
/// ```
/// y₁′ = y₂
/// y₂′ = μ(1 − y₁²)y₂ − y₁
/// ```
///
/// from `y(0) = (2, 0)`. For large μ the solution is a relaxation oscillation of period about
/// `(3 − 2 ln 2)μ` (1614 for μ = 1000): long stiff stretches along the slow manifold
/// `y₂ ≈ y₁/(μ(1 − y₁²))` (eigenvalue about `μ(1 − y₁²)`, −3000 at y₁ = 2) and fast jumps
/// through y₁ = 0, non-stiff while they last. No closed form; references are
/// computed (see the benchmark that uses it).
public struct VanDerPolOscillator: ODEFunction {
  /// The stiffness parameter μ.
  public let mu: Double

  /// The oscillator with parameter `mu`.
  @inlinable public init(mu: Double) { self.mu = mu }

  /// The right-hand side.
  @inlinable
  public func callAsFunction(
    _ du: inout [Double], _ u: [Double], _ p: NullParameters, _ t: Double
  ) {
    du[0] = u[1]
    du[1] = mu * (1 - u[0] * u[0]) * u[1] - u[0]
  }

  /// The Jacobian
  ///
  /// ```
  /// ⎡ 0                  1          ⎤
  /// ⎣ −2μy₁y₂ − 1        μ(1 − y₁²) ⎦
  /// ```
  @inlinable
  public func jacobian(_ jac: inout DenseMatrix, _ u: [Double]) {
    jac[0, 0] = 0
    jac[0, 1] = 1
    jac[1, 0] = -2 * mu * u[0] * u[1] - 1
    jac[1, 1] = mu * (1 - u[0] * u[0])
  }

  /// The problem on `(0, tEnd)` from `(2, 0)`, with the analytic Jacobian; autonomous.
  public static func problem(mu: Double, tEnd: Double) -> ODEProblem<VanDerPolOscillator> {
    let model = VanDerPolOscillator(mu: mu)
    return ODEProblem(
      model, u0: [2, 0], tspan: (0, tEnd), p: NullParameters(),
      jac: { jac, u, _, _ in model.jacobian(&jac, u) }, isAutonomous: true)
  }
}
