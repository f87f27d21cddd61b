/// A stiff method that can be the second half of a composite (``AutoSwitchStepper``):
/// Rosenbrock methods and FBDF. The composite's explicit half hands over its stepper; the
/// stiff method builds its own for `problem` (Jacobian, mass matrix, sparsity) and runs the
/// pair in the shared loop.
public protocol SwitchingStiffAlgorithm: ODEAlgorithm {
  /// Solves `problem` with `nonstiff` and this method, switching by `policy`.
  func solve<F: ODEFunction, Nonstiff: StiffnessDetecting>(
    _ problem: ODEProblem<F>, switchingFrom nonstiff: Nonstiff, policy: AutoSwitchPolicy,
    name: String, reason: String?, options: ODESolverOptions,
    callback: CallbackSet<F.State, F.Parameters>
  ) throws -> ODESolution<F.State> where Nonstiff.State == F.State
}

extension AutoSwitchStepper {
  /// Runs the composite of `nonstiff` and `stiff` on `problem` in the shared loop; with a
  /// mass matrix other than the identity only the stiff method is used.
  @inlinable
  public static func solve<F: ODEFunction>(
    _ problem: ODEProblem<F>, nonstiff: Nonstiff, stiff: Stiff, policy: AutoSwitchPolicy,
    name: String, reason: String?, options: ODESolverOptions,
    callback: CallbackSet<F.State, F.Parameters>
  ) throws -> ODESolution<F.State> where F.State == State {
    try policy.validate()
    let hasMass = problem.massMatrix.map { !$0.isIdentity } ?? false
    let stepper = AutoSwitchStepper(
      nonstiff: nonstiff, stiff: stiff, policy: policy, name: name, reason: reason,
      allowsNonstiff: !hasMass)
    var integrator = try ODEIntegrator(
      problem, stepper: stepper, options: options, callback: callback)
    return integrator.solve()
  }
}
