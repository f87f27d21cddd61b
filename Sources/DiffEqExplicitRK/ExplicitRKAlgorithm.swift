import DiffEqBase

/// An explicit Runge–Kutta method given by its ``ExplicitRKTableau``.
///
/// Conforming types are tiny (`Tsit5()`, `Vern7()`): they name a tableau and, where
/// DifferentialEquations.jl does, override the controller defaults. ``ExplicitRKStepper``
/// runs every one of them in the shared loop.
public protocol ExplicitRKAlgorithm: ODEStepperProvider {
  /// The method's coefficients.
  var tableau: ExplicitRKTableau { get }
  /// Default step-size controller settings (PI with `β₁ = 7/(10p)`, `β₂ = 2/(5p)` unless the
  /// method overrides them).
  var controllerDefaults: ControllerDefaults { get }
}

extension ExplicitRKAlgorithm {
  /// The tableau's name.
  public var name: String { tableau.name }

  /// Whether the tableau has an embedded error estimator.
  public var isAdaptive: Bool { tableau.bTilde != nil }

  /// DifferentialEquations.jl's generic defaults for the method's order.
  public var controllerDefaults: ControllerDefaults { ControllerDefaults(order: tableau.order) }

  /// Runs the shared loop with an ``ExplicitRKStepper``.
  @inlinable
  public func solve<F: ODEFunction>(
    _ problem: ODEProblem<F>, options: ODESolverOptions,
    callback: CallbackSet<F.State, F.Parameters>
  ) throws -> ODESolution<F.State> {
    var integrator = try ODEIntegrator(problem, self, options: options, callback: callback)
    return integrator.solve()
  }

  /// Passes an ``ExplicitRKStepper`` for this method to `visitor`.
  @inlinable
  public func withStepper<V: ODEStepperVisitor>(prototype: V.State, _ visitor: V) throws
    -> V.Result
  {
    try visitor.visit(ExplicitRKStepper(self, prototype: prototype))
  }
}

extension ODEIntegrator {
  /// The stepping interface for an explicit Runge–Kutta method (DifferentialEquations.jl's
  /// `init(prob, alg; kwargs...)`).
  @inlinable
  public init<A: ExplicitRKAlgorithm>(
    _ problem: ODEProblem<F>, _ alg: A, options: ODESolverOptions = ODESolverOptions(),
    callback: CallbackSet<F.State, F.Parameters> = CallbackSet()
  ) throws where Stepper == ExplicitRKStepper<F.State> {
    try self.init(
      problem, stepper: ExplicitRKStepper(alg, prototype: problem.u0), options: options,
      callback: callback)
  }
}
