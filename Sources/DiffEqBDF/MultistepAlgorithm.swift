import DiffEqBase

/// What the one-leg multistep methods of this module share (``FBDF``, ``QNDF``, ``QNDF1``,
/// ``QNDF2``, ``ABDF2``): a corrector `M(x + c) − γ f(tₙ₊₁, x) = 0` solved by
/// ``MultistepNewton`` with `W = M − γJ` by LU (dense, banded or sparse, as the problem's
/// `jacPrototype` says) or matrix-free GMRES, the settings checks, and the two ways to run
/// the method (alone, or as the stiff half of an auto-switching composite).
///
/// A conforming type says only what is its own: its name, the checks of its own settings,
/// and its stepper, handed to a ``MultistepStepperVisitor`` (the stepper's type depends on the
/// problem's, which only the caller knows; the visitor's generic `visit` is specialised for
/// the concrete stepper).
public protocol MultistepAlgorithm: SwitchingStiffAlgorithm {
  /// LU as the problem's `jacPrototype` says, or matrix-free GMRES.
  var linearSolver: LinearSolver { get }
  /// The name without the linear solver (`"QNDF"`).
  var methodName: String { get }
  /// Throws for invalid settings of the method's own (orders, `κ`).
  func validateSettings() throws
  /// Builds the method's stepper for `problem` and returns what `visitor` makes of it.
  func withStepper<V: MultistepStepperVisitor>(
    for problem: ODEProblem<V.Function>, _ visitor: V
  ) throws -> V.Result
}

/// What a driver does with a multistep method's stepper (see ``MultistepAlgorithm``).
public protocol MultistepStepperVisitor {
  /// The problem's right-hand side.
  associatedtype Function: ODEFunction
  /// What the visit returns.
  associatedtype Result

  /// Uses `stepper`.
  func visit<S: StiffnessDetecting>(_ stepper: S) throws -> Result
  where S.State == Function.State
}

extension LinearSolver {
  /// `base`, or `"base(GMRES)"` with the Krylov solver.
  func methodName(_ base: String) -> String {
    if case .gmres = self { return base + "(GMRES)" }
    return base
  }
}

extension MultistepAlgorithm {
  /// ``methodName``, with `"(GMRES)"` for the Krylov solver.
  public var name: String { linearSolver.methodName(methodName) }

  /// Adaptive in step (and, for the variable-order methods, in order).
  public var isAdaptive: Bool { true }

  /// Throws for invalid settings (the method's own, then the GMRES restart length), invalid
  /// stiff fields of `problem`, or a mass matrix the linear solver cannot take: GMRES applies
  /// `I − γJ` only, and a non-diagonal `M` needs a dense `W`.
  @inlinable
  public func check<F: ODEFunction>(_ problem: ODEProblem<F>) throws {
    try validateSettings()
    if case .gmres(let restart) = linearSolver, restart < 1 {
      throw DiffEqError(
        field: "linearSolver", message: "GMRES restart length \(restart) must be at least 1")
    }
    try problem.validateStiffFields()
    let mass = StiffMassMatrix(problem.massMatrix)
    if !NewtonMatrix<F.State>.supports(
      mass: mass, jacPrototype: problem.jacPrototype, linearSolver: linearSolver)
    {
      if case .gmres = linearSolver {
        throw DiffEqError(
          field: "massMatrix",
          message:
            "matrix-free GMRES applies M − γJ for a diagonal M only; use \(methodName)() with dense LU (jacPrototype nil) for a mass matrix with off-diagonal entries"
        )
      }
      throw DiffEqError(
        field: "massMatrix",
        message:
          "a mass matrix with off-diagonal entries needs a dense Jacobian; leave jacPrototype nil or make M diagonal"
      )
    }
  }

  /// Runs the shared loop with the method's stepper.
  @inlinable
  public func solve<F: ODEFunction>(
    _ problem: ODEProblem<F>, options: ODESolverOptions,
    callback: CallbackSet<F.State, F.Parameters>
  ) throws -> ODESolution<F.State> {
    try check(problem)
    return try withStepper(
      for: problem, MultistepSolve(problem: problem, options: options, callback: callback))
  }

  /// Solves `problem` with `nonstiff` for the non-stiff stretches and this method for the
  /// stiff ones (``AutoSwitchStepper``).
  @inlinable
  public func solve<F: ODEFunction, Nonstiff: StiffnessDetecting>(
    _ problem: ODEProblem<F>, switchingFrom nonstiff: Nonstiff, policy: AutoSwitchPolicy,
    name: String, reason: String?, options: ODESolverOptions,
    callback: CallbackSet<F.State, F.Parameters>
  ) throws -> ODESolution<F.State> where Nonstiff.State == F.State {
    try check(problem)
    return try withStepper(
      for: problem,
      MultistepSwitchingSolve(
        problem: problem, nonstiff: nonstiff, policy: policy, name: name, reason: reason,
        options: options, callback: callback))
  }
}

/// Solves the problem with the stepper in the shared loop.
@usableFromInline
struct MultistepSolve<Function: ODEFunction>: MultistepStepperVisitor {
  @usableFromInline let problem: ODEProblem<Function>
  @usableFromInline let options: ODESolverOptions
  @usableFromInline let callback: CallbackSet<Function.State, Function.Parameters>

  @inlinable
  init(
    problem: ODEProblem<Function>, options: ODESolverOptions,
    callback: CallbackSet<Function.State, Function.Parameters>
  ) {
    self.problem = problem
    self.options = options
    self.callback = callback
  }

  @inlinable
  func visit<S: StiffnessDetecting>(_ stepper: S) throws -> ODESolution<Function.State>
  where S.State == Function.State {
    var integrator = try ODEIntegrator(
      problem, stepper: stepper, options: options, callback: callback)
    return integrator.solve()
  }
}

/// Solves the problem with a non-stiff method and the stepper (``AutoSwitchStepper``).
@usableFromInline
struct MultistepSwitchingSolve<Function: ODEFunction, Nonstiff: StiffnessDetecting>:
  MultistepStepperVisitor
where Nonstiff.State == Function.State {
  @usableFromInline let problem: ODEProblem<Function>
  @usableFromInline let nonstiff: Nonstiff
  @usableFromInline let policy: AutoSwitchPolicy
  @usableFromInline let name: String
  @usableFromInline let reason: String?
  @usableFromInline let options: ODESolverOptions
  @usableFromInline let callback: CallbackSet<Function.State, Function.Parameters>

  @inlinable
  init(
    problem: ODEProblem<Function>, nonstiff: Nonstiff, policy: AutoSwitchPolicy, name: String,
    reason: String?, options: ODESolverOptions,
    callback: CallbackSet<Function.State, Function.Parameters>
  ) {
    self.problem = problem
    self.nonstiff = nonstiff
    self.policy = policy
    self.name = name
    self.reason = reason
    self.options = options
    self.callback = callback
  }

  @inlinable
  func visit<S: StiffnessDetecting>(_ stepper: S) throws -> ODESolution<Function.State>
  where S.State == Function.State {
    try AutoSwitchStepper.solve(
      problem, nonstiff: nonstiff, stiff: stepper, policy: policy, name: name, reason: reason,
      options: options, callback: callback)
  }
}
