/// One method family's contribution to the shared time loop: a cache made once at `init`,
/// a step that returns its error estimate, and the data of its continuous extension.
///
/// The loop in ``ODEIntegrator`` owns everything else (step-size control, saving, `tstops`,
/// failure handling), so adding a method never touches it. The call sequence is
///
/// ```
/// initialize(t₀, u₀)                         // again whenever u was changed from outside
/// repeat:
///   EEst = step(t, dt, u → unew)            // may be called again after a rejection
///   on acceptance: [interpolate(θ): events, saveAt] → record(dense output) → acceptStep()
///                  [interpolate(θ) over the accepted step: callbacks, users]
/// ```
///
/// A step must not allocate.
public protocol ODEStepper<State> {
  /// The state vector type.
  associatedtype State: StateVector
  /// The dense-output type this stepper records.
  associatedtype Interpolant: ODEInterpolant where Interpolant.State == State

  /// The algorithm's name (`"Tsit5"`).
  var name: String { get }
  /// Order `p` of the method (used by the initial step size and the PI controller).
  var order: Int { get }
  /// Order of the error estimate (the embedded method; used by the I and PID controllers).
  var adaptiveOrder: Int { get }
  /// Whether the method has an error estimator.
  var isAdaptive: Bool { get }
  /// The method's default controller settings.
  var controllerDefaults: ControllerDefaults { get }

  /// Prepares the cache at `(t, u)`: at `init`, and again whenever `u` was changed from
  /// outside (evaluates the first stage of FSAL methods).
  mutating func initialize<F: ODEFunction>(
    _ f: F, _ p: F.Parameters, t: Double, u: State, stats: inout SolverStats
  ) where F.State == State

  /// Attempts one step of size `dt` from `(t, u)`, writes the candidate `uₙ₊₁` into `unew`
  /// and returns the scaled error norm `EEst` (accept when ≤ 1; NaN or ∞ means the step
  /// produced non-finite values; `0` when `computeError` is false).
  mutating func step<F: ODEFunction>(
    _ f: F, _ p: F.Parameters, t: Double, dt: Double, u: State, unew: inout State,
    errorNorm: ErrorNorm, computeError: Bool, stats: inout SolverStats
  ) -> Double where F.State == State

  /// Writes the continuous extension of the step just computed (before ``acceptStep()``) at
  /// `t + θ·dt`, its value or (`derivative == 1`) its time derivative, into `out`.
  mutating func interpolate<F: ODEFunction>(
    _ f: F, _ p: F.Parameters, t: Double, dt: Double, uprev: State, theta: Double,
    derivative: Int, into out: inout State, stats: inout SolverStats
  ) where F.State == State

  /// Makes the finished solve's empty dense output.
  func makeInterpolant<F: ODEFunction>(_ f: F, _ p: F.Parameters) -> Interpolant
  where F.State == State

  /// From the next recorded step on, the dense output evaluates `f` with `p` (a callback
  /// changed the parameters; only steppers whose interpolant calls `f` need to act).
  func updateParameters<F: ODEFunction>(
    of interpolant: inout Interpolant, _ f: F, _ p: F.Parameters)
  where F.State == State

  /// Appends the step just computed (from `(t, uprev)` with size `dt`) to `interpolant`.
  mutating func record(into interpolant: inout Interpolant, t: Double, dt: Double, uprev: State)

  /// Called after the loop accepted the step. The stepper must keep the accepted step's
  /// data (for ``interpolate(_:_:t:dt:uprev:theta:derivative:into:stats:)`` over it) until the
  /// next call of `step`; FSAL methods recycle their last stage then.
  mutating func acceptStep()

  /// Whether the method solves `M u′ = f` with a mass matrix (stiff methods); the integrator
  /// rejects a problem with a non-identity mass matrix otherwise.
  var supportsMassMatrix: Bool { get }

  /// Called at the start of a step (after any restart) when a callback changed the
  /// parameters since the last step: `p` is in force from time `t` on.
  mutating func parametersChanged<F: ODEFunction>(_ f: F, _ p: F.Parameters, at t: Double)
  where F.State == State

  /// Why the stepper's last attempts failed, when it knows better than "a non-finite state"
  /// (a stiff solver's singular matrix); the integrator's diagnostic quotes it.
  var failureNote: String? { get }

  /// A stopping time the stepper has found the integrator must step to exactly, removed from
  /// the stepper's list; `nil` when there is none (asked at the start of every step, before
  /// its size is chosen; the method of steps for delay equations reports discontinuities).
  mutating func takeStop() -> Double?

  /// Called when an event ends the accepted step from `(t, u)` early, at `te` (before
  /// ``acceptStep()``), with the dense output's state there in `unew`. A stochastic method
  /// keeps its noise path consistent (the Brownian bridge to `te`) and may recompute `unew`;
  /// ``interpolate(_:_:t:dt:uprev:theta:derivative:into:stats:)`` then covers `[t, te]`.
  mutating func stepWasShortened<F: ODEFunction>(
    _ f: F, _ p: F.Parameters, from t: Double, u: State, to te: Double, unew: inout State,
    stats: inout SolverStats
  ) where F.State == State

  /// The method's own choice of the next step size after the last attempt was accepted or
  /// rejected (a variable-order method chooses step and order together; a composite method
  /// scales `controllerProposal`, the controller's choice, when it switches), or `nil` to let
  /// the integrator's controller choose.
  func proposedStep(accepted: Bool, controllerProposal: Double) -> Double?

  /// The controller defaults of the method now in use, once after a composite method switched
  /// (asked after every accepted step); `nil` otherwise.
  mutating func takeControllerChange() -> ControllerDefaults?

  /// Whether, after the controller change just taken, the integrator should also estimate a
  /// fresh step for the new method (Hairer's initial-step algorithm at the current state) and
  /// take it when longer: a composite switching to its stiff method, whose first step would
  /// otherwise grow from the explicit method's stability-limited one.
  var reestimatesStepAfterSwitch: Bool { get }

  /// Which method took which steps, for a composite method; `nil` for a single method.
  var algorithmChoice: AlgorithmChoice? { get }

  /// Set by a stepper that gives up on its own (asked after every rejected attempt): the
  /// return code and the diagnostic the solve ends with (a Newton iteration that keeps
  /// failing: `.convergenceFailure`); `nil` to let the integrator shrink the step.
  var fatalFailure: (code: ReturnCode, message: String)? { get }

  /// Reallocates the cache for a state of a new size (`prototype`'s shape). ``initialize(_:_:t:u:stats:)``
  /// is called before the next step.
  mutating func resize(to prototype: State)
}

extension ODEStepper {
  /// Explicit methods solve `u′ = f(u, p, t)` only.
  public var supportsMassMatrix: Bool { false }

  /// Nothing to do by default (the dense output is told through
  /// ``updateParameters(of:_:_:)``).
  @inlinable
  public mutating func parametersChanged<F: ODEFunction>(
    _ f: F, _ p: F.Parameters, at t: Double
  ) where F.State == State {}

  /// No note by default.
  public var failureNote: String? { nil }

  /// The integrator's controller chooses by default.
  @inlinable
  public func proposedStep(accepted: Bool, controllerProposal: Double) -> Double? { nil }

  /// A single method never changes its controller.
  @inlinable
  public mutating func takeControllerChange() -> ControllerDefaults? { nil }

  /// A single method: no record.
  public var algorithmChoice: AlgorithmChoice? { nil }

  /// A single method never switches.
  public var reestimatesStepAfterSwitch: Bool { false }

  /// Never gives up on its own by default.
  public var fatalFailure: (code: ReturnCode, message: String)? { nil }

  /// No stopping times of its own by default.
  @inlinable
  public mutating func takeStop() -> Double? { nil }

  /// Nothing to do by default: the dense output already gives the state at `te`.
  @inlinable
  public mutating func stepWasShortened<F: ODEFunction>(
    _ f: F, _ p: F.Parameters, from t: Double, u: State, to te: Double, unew: inout State,
    stats: inout SolverStats
  ) where F.State == State {}
}
