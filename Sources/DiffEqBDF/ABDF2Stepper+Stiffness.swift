import DiffEqBase

extension ABDF2Stepper: StiffnessDetecting {
  /// `‖J‖₁` of the Jacobian in use (an upper bound of its spectral radius), computed once per
  /// Jacobian; `nil` before the first.
  @inlinable
  public mutating func stiffnessEstimate(t: Double, dt: Double, u: State, unew: State) -> Double? {
    newton.jacobianOneNorm()
  }

  /// Backward Euler and BDF2 are A-stable.
  public var stabilityBoundary: Double { .infinity }
}
