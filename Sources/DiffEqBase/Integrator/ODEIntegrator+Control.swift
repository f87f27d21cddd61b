#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

// Step-size control, exactly as DifferentialEquations.jl's `PIController`, `IController` and
// `PIDController` (OrdinaryDiffEqCore/src/integrators/controllers.jl). See StepSizeController.
extension ODEIntegrator {
  /// Whether the controller accepts a step with scaled error `eest`.
  @inlinable
  mutating func acceptsStep(_ eest: Double) -> Bool {
    guard eest.isFinite else { return false }
    if case .pid = controller {
      // ε₁ = 1/EEst; f = ε₁^β₁ ε₂^β₂ ε₃^β₃ limited by 1 + atan(f − 1); accept when f ≥ 0.81.
      let e1 = 1 / Swift.max(eest, Double.ulpOfOne)
      pidErrors.0 = e1
      var factor =
        pow(e1, pidBetas.0) * pow(pidErrors.1, pidBetas.1) * pow(pidErrors.2, pidBetas.2)
      if !factor.isFinite { factor = 1 / qminInverse }
      factor = 1 + atan(factor - 1)
      pidFactor = factor
      return factor >= 0.81
    }
    return eest <= 1
  }

  /// The PI/I quotient `q = clamp(EEst^β₁ / qold^β₂ / γ, 1/qmax, 1/qmin)` (records
  /// `q₁₁ = EEst^β₁` for a rejection).
  @inlinable
  mutating func proposedShrink(_ eest: Double) -> Double {
    if case .pid = controller { return 1 / pidFactor }
    if eest == 0 { return qmaxInverse }
    // β₁ = 1 (the multistep methods, which propose their own steps): no pow.
    let q11 = beta1 == 1 ? eest : pow(eest, beta1)
    self.q11 = q11
    let q = beta2 == 0 ? q11 : q11 / pow(qold, beta2)
    return Swift.max(qmaxInverse, Swift.min(qminInverse, q / gamma))
  }

  /// Next step after an accepted step of size `dt`: `dt/q`, at most `dtMax`.
  @inlinable
  mutating func nextStepAfterAccept(dt: Double, eest: Double, q: Double) -> Double {
    if case .pid = controller {
      pidErrors.2 = pidErrors.1
      pidErrors.1 = pidErrors.0
    } else {
      qold = Swift.max(eest, 1e-4)
    }
    let next = dt / q
    return abs(next) > dtMax ? tdir * dtMax : next
  }

  /// Next attempt after a rejected step of size `dt`: `dt / min(1/qmin, q₁₁/γ)` (PI, I) or
  /// `dt · f` (PID).
  @inlinable
  mutating func nextStepAfterReject(dt: Double) -> Double {
    if case .pid = controller { return dt * pidFactor }
    return dt / Swift.min(qminInverse, q11 / gamma)
  }
}

extension ODEIntegrator {
  /// Takes the controller constants of the method a composite stepper switched to, and
  /// forgets the error history of the method it left.
  @inlinable
  mutating func adoptController(_ defaults: ControllerDefaults) {
    gains = ControllerGains(
      options: options, defaults: defaults, order: stepper.order,
      adaptiveOrder: stepper.adaptiveOrder)
    qold = 1e-4
    pidErrors = (1, 1, 1)
  }
}
