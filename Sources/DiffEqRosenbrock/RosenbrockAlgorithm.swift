import DiffEqBase

/// A Rosenbrock method given by its ``RosenbrockTableau`` (`Rodas5P()`, `Rosenbrock23()`).
///
/// Solves stiff problems and, with a mass matrix, index-1 DAEs `M u′ = f(u, p, t)`. Uses the
/// problem's analytic Jacobian `jac` and time derivative `tgrad` when given (finite
/// differences otherwise, coloured by `jacPrototype` when banded).
public protocol RosenbrockAlgorithm: ODEStepperProvider, SwitchingStiffAlgorithm {
  /// The method's coefficients.
  var tableau: RosenbrockTableau { get }
}

extension RosenbrockAlgorithm {
  /// The tableau's name.
  public var name: String { tableau.name }

  /// Rosenbrock methods here all have an error estimator.
  public var isAdaptive: Bool { true }

  /// Runs the shared loop with a ``RosenbrockStepper`` set up for `problem` (its mass matrix,
  /// Jacobian, time derivative and sparsity).
  @inlinable
  public func solve<F: ODEFunction>(
    _ problem: ODEProblem<F>, options: ODESolverOptions,
    callback: CallbackSet<F.State, F.Parameters>
  ) throws -> ODESolution<F.State> {
    var integrator = try ODEIntegrator(problem, self, options: options, callback: callback)
    return integrator.solve()
  }

  /// Passes a ``RosenbrockStepper`` (finite-difference Jacobian, identity mass matrix) to
  /// `visitor`.
  @inlinable
  public func withStepper<V: ODEStepperVisitor>(prototype: V.State, _ visitor: V) throws
    -> V.Result
  {
    try visitor.visit(RosenbrockStepper<V.State, NullParameters>(tableau, prototype: prototype))
  }
}

extension RosenbrockAlgorithm {
  /// Throws when `problem` has a singular mass matrix and the method is not stable on
  /// algebraic equations.
  @inlinable
  public func checkMassMatrix<F: ODEFunction>(of problem: ODEProblem<F>) throws {
    if !tableau.solvesAlgebraicEquations, let mass = StiffMassMatrix(problem.massMatrix),
      mass.isSingular
    {
      throw DiffEqError(
        field: "massMatrix",
        message:
          "is singular (a DAE), but \(tableau.name) is not stable on algebraic equations (|R(∞)| > 1); use Rodas5P(), Rodas4() or Rosenbrock23()"
      )
    }
  }

  /// Solves `problem` with `nonstiff` for the non-stiff stretches and this method for the
  /// stiff ones (``AutoSwitchStepper``).
  @inlinable
  public func solve<F: ODEFunction, Nonstiff: StiffnessDetecting>(
    _ problem: ODEProblem<F>, switchingFrom nonstiff: Nonstiff, policy: AutoSwitchPolicy,
    name: String, reason: String?, options: ODESolverOptions,
    callback: CallbackSet<F.State, F.Parameters>
  ) throws -> ODESolution<F.State> where Nonstiff.State == F.State {
    try problem.validateStiffFields()
    try checkMassMatrix(of: problem)
    return try AutoSwitchStepper.solve(
      problem, nonstiff: nonstiff, stiff: RosenbrockStepper(tableau, problem: problem),
      policy: policy, name: name, reason: reason, options: options, callback: callback)
  }
}

extension ODEIntegrator {
  /// The stepping interface for a Rosenbrock method.
  @inlinable
  public init<A: RosenbrockAlgorithm>(
    _ problem: ODEProblem<F>, _ alg: A, options: ODESolverOptions = ODESolverOptions(),
    callback: CallbackSet<F.State, F.Parameters> = CallbackSet()
  ) throws where Stepper == RosenbrockStepper<F.State, F.Parameters> {
    try problem.validateStiffFields()
    try alg.checkMassMatrix(of: problem)
    try self.init(
      problem, stepper: RosenbrockStepper(alg.tableau, problem: problem), options: options,
      callback: callback)
  }
}
