import DiffEqBase

extension FBDFStepper: StiffnessDetecting {
  /// `‖J‖₁` of the Jacobian in use (an upper bound of its spectral radius), computed once per
  /// Jacobian; `nil` before the first.
  @inlinable
  public mutating func stiffnessEstimate(t: Double, dt: Double, u: State, unew: State) -> Double? {
    newton.jacobianOneNorm()
  }

  /// The BDFs of orders 1 and 2 are A-stable, 3–5 stable on the whole negative real axis.
  public var stabilityBoundary: Double { .infinity }
}
