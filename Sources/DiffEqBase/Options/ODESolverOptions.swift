/// The common options of an ODE solve, with DifferentialEquations.jl's names (in Swift
/// casing) and defaults.
///
/// `solve(prob, alg, abstol: …, reltol: …, …)` builds one of these; the stepping interface
/// (`ODEIntegrator(prob, alg, options:)`) takes it directly.
public struct ODESolverOptions: Sendable {
  /// Absolute tolerance, scalar or one per component (default `1e-6`).
  public var abstol: ToleranceValue
  /// Relative tolerance (default `1e-3`).
  public var reltol: Double
  /// Initial step size (adaptive) or the fixed step size (`adaptive: false`); `nil` chooses
  /// the initial step by Hairer's algorithm.
  public var dt: Double?
  /// Adaptive step-size control; `nil` means "if the method has an error estimator".
  public var adaptive: Bool?
  /// Smallest step magnitude before the solve stops with ``ReturnCode/dtLessThanMin``;
  /// `nil` means a step that moves `t` by 16 units in its last place or less (`16·ulp(t)`, so
  /// that a long span such as ROBER's `(0, 1e11)` can still start with small steps).
  public var dtMin: Double?
  /// Largest step magnitude; `nil` means the whole span.
  public var dtMax: Double?
  /// Maximum number of step attempts (default `100_000`).
  public var maxIters: Int
  /// Times at which to save the solution (interpolated); empty means "not used".
  public var saveAt: [Double]
  /// Save every accepted step; `nil` means `saveAt.isEmpty`.
  public var saveEveryStep: Bool?
  /// Save the initial point; `nil` means `saveEveryStep || saveAt.isEmpty || saveAt ∋ t₀`.
  public var saveStart: Bool?
  /// Save the final point; `nil` means `saveEveryStep || saveAt.isEmpty || saveAt ∋ t_f`.
  public var saveEnd: Bool?
  /// Times the integrator must step to exactly.
  public var tstops: [Double]
  /// Record the dense output for `sol(t)`; `nil` means `saveAt.isEmpty`.
  public var dense: Bool?
  /// Norm of the scaled error (default ``InternalNorm/rms``).
  public var internalNorm: InternalNorm
  /// Step-size controller (default: the method's PI controller).
  public var controller: StepSizeController
  /// Override of the method's `qmin` (largest shrink is `1/qmin`… see ``StepSizeController``).
  public var qmin: Double?
  /// Override of the method's `qmax` (largest growth factor).
  public var qmax: Double?
  /// Override of the method's safety factor `γ`.
  public var gamma: Double?
  /// Draw a progress bar on standard error (fraction of the span, steps, dt, time left).
  public var progress: Bool
  /// Called with progress reports (for apps); at most one per `progressInterval` seconds and
  /// a final one.
  public var progressHandler: (@Sendable (ProgressInfo) -> Void)?
  /// Seconds between progress reports (default 0.2).
  public var progressInterval: Double

  /// Options; every argument has DifferentialEquations.jl's default.
  public init(
    abstol: some AbsoluteTolerance = 1e-6,
    reltol: Double = 1e-3,
    dt: Double? = nil,
    adaptive: Bool? = nil,
    dtMin: Double? = nil,
    dtMax: Double? = nil,
    maxIters: Int = 100_000,
    saveAt: [Double] = [],
    saveEveryStep: Bool? = nil,
    saveStart: Bool? = nil,
    saveEnd: Bool? = nil,
    tstops: [Double] = [],
    dense: Bool? = nil,
    internalNorm: InternalNorm = .rms,
    controller: StepSizeController = .automatic,
    qmin: Double? = nil,
    qmax: Double? = nil,
    gamma: Double? = nil,
    progress: Bool = false,
    progressHandler: (@Sendable (ProgressInfo) -> Void)? = nil,
    progressInterval: Double = 0.2
  ) {
    self.abstol = abstol.toleranceValue
    self.reltol = reltol
    self.dt = dt
    self.adaptive = adaptive
    self.dtMin = dtMin
    self.dtMax = dtMax
    self.maxIters = maxIters
    self.saveAt = saveAt
    self.saveEveryStep = saveEveryStep
    self.saveStart = saveStart
    self.saveEnd = saveEnd
    self.tstops = tstops
    self.dense = dense
    self.internalNorm = internalNorm
    self.controller = controller
    self.qmin = qmin
    self.qmax = qmax
    self.gamma = gamma
    self.progress = progress
    self.progressHandler = progressHandler
    self.progressInterval = progressInterval
  }
}
