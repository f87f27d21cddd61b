/// A stepper that can estimate how stiff the problem is where it just stepped: what a
/// composite method (``AutoSwitchStepper``) needs to choose between its explicit and its
/// stiff method.
///
/// Explicit Runge–Kutta methods use Hairer's estimate (HNW II, IV.2) from their last two
/// stages: with stage arguments `gₛ₋₁`, `gₛ` and derivatives `kᵢ = f(gᵢ)`,
///
/// ```
/// ρ ≈ ‖kₛ − kₛ₋₁‖ / ‖gₛ − gₛ₋₁‖      (the spectral radius of ∂f/∂u near the step)
/// ```
///
/// so that `ρ·h` beyond the method's stability boundary ``stabilityBoundary`` means the step is
/// limited by stability, not accuracy. Stiff methods report `‖J‖∞` of their Jacobian (an upper
/// bound of the spectral radius).
public protocol StiffnessDetecting: ODEStepper {
  /// The estimate `ρ` for the step just computed by `step` from `(t, u)` with size `dt`, whose
  /// candidate is `unew` (before `acceptStep`); `nil` when there is none (no Jacobian yet).
  mutating func stiffnessEstimate(t: Double, dt: Double, u: State, unew: State) -> Double?

  /// The method's stability boundary `r` on the negative real axis: `|R(−x)| ≤ 1` on
  /// `[−r, 0]` for the method's stability function `R` (∞ for A-stable methods).
  var stabilityBoundary: Double { get }
}
