import DiffEqBDF
import DiffEqBase

/// The fixed-leading-coefficient BDF of orders 1 to 5 for residual DAEs
/// `F(u′, u, p, t) = 0` (DifferentialEquations.jl's `DFBDF`; the method of ``FBDF`` in the
/// form of SUNDIALS IDA and DASSL): each step interpolates the accepted states onto
/// equidistant back values, sets `u′ₙ₊₁ = (α₀/h)(uₙ₊₁ + c)` and solves
/// `F(u′ₙ₊₁, uₙ₊₁, p, tₙ₊₁) = 0` by simplified Newton with `∂F/∂u + (α₀/h) ∂F/∂u′` (analytic
/// from the problem's `jac`, or by differences — dense, banded or coloured from a sparse
/// `jacPrototype` — or applied matrix-free by GMRES), reusing it across steps as IDA does.
/// Error estimates, order and step selection and dense output are ``FBDF``'s
/// (``BDFHistory``); `suppressAlgebraic` leaves the algebraic components out of the error
/// estimate (IDA's `suppressalg`).
///
/// For index-1 problems: the solve first checks that `[∂F/∂u′_d  ∂F/∂u_a]` is nonsingular
/// at the consistent start and otherwise returns ``ReturnCode/initialFailure`` with a
/// diagnostic saying that the index is too high (``DAEConsistency``).
public struct DFBDF: Sendable {
  /// The highest order used (1 … 5).
  public var maxOrder: Int
  /// LU as the problem's `jacPrototype` says, or matrix-free GMRES.
  public var linearSolver: LinearSolver
  /// Whether the algebraic components are left out of the error estimate.
  public var suppressAlgebraic: Bool

  /// DFBDF up to order `maxOrder` (default 5) with `linearSolver` (default: LU).
  public init(
    maxOrder: Int = 5, linearSolver: LinearSolver = .automatic, suppressAlgebraic: Bool = false
  ) {
    self.maxOrder = maxOrder
    self.linearSolver = linearSolver
    self.suppressAlgebraic = suppressAlgebraic
  }

  /// `"DFBDF"`, or `"DFBDF(GMRES)"` with the Krylov solver.
  public var name: String {
    if case .gmres = linearSolver { return "DFBDF(GMRES)" }
    return "DFBDF"
  }

  /// Problems of at most this size get the index-1 test at the start (a dense `n × n`
  /// difference matrix and its LU; larger ones start without it).
  public static var indexTestLimit: Int { 1000 }

  /// Validates, initializes (`initialization`), checks the index, and integrates `problem`
  /// in the shared loop.
  @inlinable
  public func solve<State: StateVector, Parameters: Sendable>(
    _ problem: DAEProblem<State, Parameters>, options: ODESolverOptions,
    initialization: some DAEInitializationAlgorithm = CheckInit(),
    callback: CallbackSet<State, Parameters> = CallbackSet()
  ) throws -> ODESolution<State> {
    switch try prepare(problem, options: options, initialization: initialization) {
    case .failure(let message):
      return failed(problem, message: message)
    case .ready(let wrapper, let stepper, let opts):
      var integrator = try ODEIntegrator(
        wrapper, stepper: stepper, options: opts, callback: callback)
      return integrator.solve()
    }
  }

  /// What ``prepare(_:options:initialization:)`` found: a solve ready to run in the shared
  /// integrator, or why it cannot start.
  public enum Preparation<State: StateVector, Parameters: Sendable> {
    /// The integrator's problem (`u0` consistent), the stepper and the options (with the
    /// first step).
    case ready(
      ODEProblem<DAEIntegratorFunction<State, Parameters>>, DFBDFStepper<State, Parameters>,
      ODESolverOptions)
    /// The initialization failed or the index is too high.
    case failure(String)
  }

  /// Validates `problem` and the method's settings (throwing ``DiffEqError``), makes the
  /// initial values consistent with `initialization`, checks the index (problems of up to
  /// ``indexTestLimit`` components) and chooses the first step (IDA's: 0.001 of the span,
  /// at most `0.5/‖u′₀‖` over the differential components) unless `options.dt` is given.
  @inlinable
  public func prepare<State: StateVector, Parameters: Sendable>(
    _ problem: DAEProblem<State, Parameters>, options: ODESolverOptions,
    initialization: some DAEInitializationAlgorithm
  ) throws -> Preparation<State, Parameters> {
    try problem.validate()
    guard (1...5).contains(maxOrder) else {
      throw DiffEqError(field: "maxOrder", message: "\(maxOrder) must be between 1 and 5")
    }
    if case .gmres(let restart) = linearSolver, restart < 1 {
      throw DiffEqError(
        field: "linearSolver", message: "GMRES restart length \(restart) must be at least 1")
    }
    let n = problem.u0.count
    if case .componentwise(let a) = options.abstol, a.count != n {
      throw DiffEqError(
        field: "abstol",
        message: "has \(a.count) components but u0 has \(n); give one per component")
    }
    let differential = DAEConsistency.differentialVars(problem)
    let (t0, tf) = problem.tspan
    let errorNorm = ErrorNorm(
      abstol: options.abstol, reltol: options.reltol, norm: options.internalNorm)
    let du0: State
    let u0: State
    do {
      (du0, u0) = try initialization.initialize(
        residual: problem.residual, du0: problem.du0, u0: problem.u0, p: problem.p,
        tspan: problem.tspan,
        differential: differential, errorNorm: errorNorm)
    } catch let failure as DAEInitializationFailure {
      return .failure(failure.message)
    }
    if n <= Self.indexTestLimit,
      let message = DAEConsistency.indexDiagnostic(
        residual: problem.residual, du: du0, u: u0, p: problem.p, t: t0,
        differential: differential)
    {
      return .failure(message)
    }
    var opts = options
    if opts.dt == nil {
      var acc = 0.0
      for i in 0..<n where differential[i] {
        errorNorm.accumulate(
          &acc,
          errorNorm.scaled(i, error: Double(du0[i]), u0: Double(u0[i]), u1: Double(u0[i])))
      }
      let derivativeNorm = errorNorm.finish(acc, count: n)
      var h = 0.001 * abs(tf - t0)
      if derivativeNorm * h > 0.5 { h = 0.5 / derivativeNorm }
      opts.dt = tf > t0 ? h : -h
    }
    let wrapper = ODEProblem(
      DAEIntegratorFunction<State, Parameters>(), u0: u0, tspan: problem.tspan, p: problem.p)
    let stepper = DFBDFStepper(
      problem: problem, du0: du0, differential: differential, maxOrder: maxOrder,
      linearSolver: linearSolver, suppressAlgebraic: suppressAlgebraic)
    return .ready(wrapper, stepper, opts)
  }

  /// The solution of a solve that could not start: `u0` at `t₀`, ``ReturnCode/initialFailure``.
  @usableFromInline
  func failed<State: StateVector, Parameters: Sendable>(
    _ problem: DAEProblem<State, Parameters>, message: String
  ) -> ODESolution<State> {
    ODESolution(
      t: [problem.tspan.0], u: [problem.u0], retcode: .initialFailure, stats: SolverStats(),
      algorithm: name,
      diagnostic: FailureDiagnostic(
        t: problem.tspan.0, dt: 0, rejectionStreak: 0, firstNonFiniteComponent: nil,
        message: message),
      interpolant: nil)
  }
}

extension ODEIntegrator {
  /// The stepping interface for a residual DAE (DifferentialEquations.jl's
  /// `init(prob::DAEProblem, DFBDF())`); an initialization that fails or an index above 1
  /// throws ``DAEInitializationFailure``.
  @inlinable
  public init<S: StateVector, P: Sendable>(
    _ problem: DAEProblem<S, P>, _ alg: DFBDF, options: ODESolverOptions = ODESolverOptions(),
    initialization: some DAEInitializationAlgorithm = CheckInit(),
    callback: CallbackSet<S, P> = CallbackSet()
  ) throws where F == DAEIntegratorFunction<S, P>, Stepper == DFBDFStepper<S, P> {
    switch try alg.prepare(problem, options: options, initialization: initialization) {
    case .failure(let message):
      throw DAEInitializationFailure(message)
    case .ready(let wrapper, let stepper, let opts):
      try self.init(wrapper, stepper: stepper, options: opts, callback: callback)
    }
  }
}
