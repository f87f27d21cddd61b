import DiffEqBase

extension RosenbrockStepper: StiffnessDetecting {
  /// `‖J‖₁` of the step's Jacobian (an upper bound of its spectral radius), computed once
  /// per Jacobian; `nil` before the first Jacobian.
  @inlinable
  public mutating func stiffnessEstimate(t: Double, dt: Double, u: State, unew: State) -> Double? {
    if let jacobianNorm { return jacobianNorm }
    guard jacobianIsCurrent else { return nil }
    let norm = bandedJacobian?.oneNorm ?? jacobian.oneNorm
    jacobianNorm = norm
    return norm
  }

  /// A-stable: no boundary.
  public var stabilityBoundary: Double { .infinity }
}
