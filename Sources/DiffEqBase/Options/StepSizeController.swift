/// How the adaptive step size follows the error estimate (a value; the per-solve history lives
/// in the integrator).
///
/// With `EEst` the scaled error norm of the step, `k` the order used for control and the
/// safety factor `γ`, limits `qmin`, `qmax` (as in DifferentialEquations.jl):
///
/// ```
/// integral (I):  q = EEst^(1/(k̂+1)) / γ                 k̂ = embedded order
/// PI:            q = EEst^β₁ / EEstₙ₋₁^β₂ / γ            β₁ = 7/(10p), β₂ = 2/(5p) by default
/// PID:           f = ε₁^(β₁/(k̂+1)) ε₂^(β₂/(k̂+1)) ε₃^(β₃/(k̂+1)),  εⱼ = 1/EEstₙ₋ⱼ₊₁,
///                f ← 1 + atan(f − 1)  (limiter), q = 1/f
/// dtₙ₊₁ = dtₙ / clamp(q, 1/qmax, 1/qmin)
/// ```
///
/// A rejected step shrinks by `1/min(1/qmin, EEst^β₁/γ)` (I and PI) or by the PID factor.
public enum StepSizeController: Sendable, Equatable {
  /// The method's default: PI with its default gains.
  case automatic
  /// Integral (elementary) control.
  case integral
  /// Proportional–integral control with gains `β₁`, `β₂`.
  case pi(beta1: Double, beta2: Double)
  /// PID control (Söderlind) with gains `β₁`, `β₂`, `β₃` and acceptance safety
  /// `f ≥ 0.81` (DifferentialEquations.jl's `PIDController`).
  case pid(beta1: Double, beta2: Double, beta3: Double)
}

/// A method's default controller settings (DifferentialEquations.jl's `beta1_default`,
/// `beta2_default`, `qmin_default`, `qmax_default`, `gamma_default`).
public struct ControllerDefaults: Sendable, Equatable {
  /// PI gain on the current error.
  public var beta1: Double
  /// PI gain on the previous error.
  public var beta2: Double
  /// Smallest step-size ratio denominator: the step shrinks by at most `1/qmin`… see ``StepSizeController``.
  public var qmin: Double
  /// Largest growth factor of the step size.
  public var qmax: Double
  /// Safety factor `γ`.
  public var gamma: Double

  /// Defaults for a method of order `p`: `β₁ = 7/(10p)`, `β₂ = 2/(5p)`, `qmin = 1/5`,
  /// `qmax = 10`, `γ = 9/10`.
  public init(order p: Int) {
    beta1 = 7.0 / (10.0 * Double(p))
    beta2 = 2.0 / (5.0 * Double(p))
    qmin = 0.2
    qmax = 10
    gamma = 0.9
  }

  /// Explicit settings.
  public init(beta1: Double, beta2: Double, qmin: Double, qmax: Double, gamma: Double) {
    self.beta1 = beta1
    self.beta2 = beta2
    self.qmin = qmin
    self.qmax = qmax
    self.gamma = gamma
  }
}
