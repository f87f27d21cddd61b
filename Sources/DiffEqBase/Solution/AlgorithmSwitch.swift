/// One switch of a composite method (``AutoSwitchStepper``): when, from which method to which,
/// and the stiffness measurement that triggered it.
///
/// The measure is DifferentialEquations.jl's: `s = ρ·h / r`, with `ρ` the estimate of the
/// spectral radius of `∂f/∂u` (from the explicit method's stages, or `‖J‖∞` from the stiff
/// method's Jacobian), `h` the step and `r` the size of the explicit method's stability region
/// along the negative real axis. `s > tol` counts as a stiff step, `s ≤ tol` as a non-stiff
/// one; a switch happens after enough consecutive verdicts of the other kind.
public struct AlgorithmSwitch: Sendable, Equatable, CustomStringConvertible {
  /// The time of the switch (the end of the last step of the method left).
  public let t: Double
  /// Accepted steps before the switch.
  public let step: Int
  /// The method left.
  public let from: String
  /// The method taken up.
  public let to: String
  /// The stiffness estimate `ρ` (an estimate of `max |λ(∂f/∂u)|`) at the switch.
  public let eigenvalueEstimate: Double
  /// The step size `h` at the switch.
  public let dt: Double
  /// `ρ·h/r`, the step's position relative to the explicit method's stability boundary.
  public let stiffness: Double
  /// Consecutive steps with the same verdict that led to the switch.
  public let consecutiveSteps: Int

  /// A switch record.
  public init(
    t: Double, step: Int, from: String, to: String, eigenvalueEstimate: Double, dt: Double,
    stiffness: Double, consecutiveSteps: Int
  ) {
    self.t = t
    self.step = step
    self.from = from
    self.to = to
    self.eigenvalueEstimate = eigenvalueEstimate
    self.dt = dt
    self.stiffness = stiffness
    self.consecutiveSteps = consecutiveSteps
  }

  /// `"t = 0.0132 (step 41): Tsit5 → Rosenbrock23, ρ·h/r = 1.04 (ρ = 2.1e3, h = 1.7e-3) for 11 steps"`.
  public var description: String {
    let format = { (x: Double) in String(describing: (x * 1e4).rounded() / 1e4) }
    return
      "t = \(t) (step \(step)): \(from) → \(to), ρ·h/r = \(format(stiffness)) (ρ = \(eigenvalueEstimate), h = \(dt)) for \(consecutiveSteps) steps"
  }
}
