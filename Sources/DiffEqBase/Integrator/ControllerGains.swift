/// The step-size controller's constants for one method: the PI gains `β₁, β₂` (or the PID
/// gains divided by `k + 1`), the limits `1/qmin`, `1/qmax` and the safety factor `γ`, from the
/// user's ``ODESolverOptions`` where given and the method's ``ControllerDefaults`` otherwise.
///
/// An integrator makes them once, and again when a composite method switches to a method with
/// other defaults (``ODEStepper/takeControllerChange()``).
@usableFromInline
struct ControllerGains: Sendable {
  @usableFromInline let beta1: Double
  @usableFromInline let beta2: Double
  @usableFromInline let pidBetas: (Double, Double, Double)
  @usableFromInline let qminInverse: Double
  @usableFromInline let qmaxInverse: Double
  @usableFromInline let gamma: Double

  /// The gains for a method of order `order` (embedded order `adaptiveOrder`) with `defaults`.
  @inlinable
  init(options: ODESolverOptions, defaults: ControllerDefaults, order: Int, adaptiveOrder: Int) {
    switch options.controller {
    case .automatic:
      beta1 = defaults.beta1
      beta2 = defaults.beta2
    case .integral:
      beta1 = 1 / Double(adaptiveOrder + 1)
      beta2 = 0
    case .pi(let b1, let b2):
      beta1 = b1
      beta2 = b2
    case .pid:
      beta1 = defaults.beta1
      beta2 = 0
    }
    if case .pid(let b1, let b2, let b3) = options.controller {
      let k = Double(min(order, adaptiveOrder) + 1)
      pidBetas = (b1 / k, b2 / k, b3 / k)
    } else {
      pidBetas = (0, 0, 0)
    }
    qminInverse = 1 / (options.qmin ?? defaults.qmin)
    qmaxInverse = 1 / (options.qmax ?? defaults.qmax)
    gamma = options.gamma ?? defaults.gamma
  }
}
