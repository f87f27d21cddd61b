/// What a callback's affect (and a user stepping by hand) may read and change in a running
/// integrator: DifferentialEquations.jl's integrator interface.
///
/// Affects receive `inout any DEIntegrator<State, Parameters>`:
///
/// ```swift
/// let bounce = ContinuousCallback<[Double], NullParameters>(
///   condition: { u, t, p in u[0] },                   // height
///   affect: { integrator in integrator.u[1] *= -0.9 }  // reverse and damp the velocity
/// )
/// ```
///
/// Changing ``u`` marks the state as modified, so the next step restarts cleanly (FSAL methods
/// re-evaluate their first stage); ``uModified(_:)`` says so explicitly after changes made in
/// another way (for example, to ``p``).
public protocol DEIntegrator<State, Parameters> {
  /// The state vector type.
  associatedtype State: StateVector
  /// The parameter type.
  associatedtype Parameters

  /// Current time.
  var t: Double { get }
  /// Current state; setting it marks the state as modified.
  var u: State { get set }
  /// Time at the start of the last accepted step.
  var tprev: Double { get }
  /// State at the start of the last accepted step.
  var uprev: State { get }
  /// Size of the last accepted step (signed).
  var dt: Double { get }
  /// The parameters passed to the right-hand side.
  var p: Parameters { get set }
  /// Work counters so far.
  var stats: SolverStats { get }
  /// `.default` while running, then how the solve ended.
  var retcode: ReturnCode { get }

  /// Stops the integration at the current point with ``ReturnCode/terminated``.
  mutating func terminate()
  /// Adds a time the integrator must step to exactly.
  mutating func addTstop(_ t: Double)
  /// Sets the size of the next step attempt.
  mutating func setProposedDt(_ dt: Double)
  /// Tells the integrator that `u` (or `p`) changed outside a step (`true`), so the next step
  /// restarts from the new state; `false` withdraws it.
  mutating func uModified(_ modified: Bool)
  /// The dense output of the last accepted step at a time in `[tprev, t]`: the state, or its
  /// time derivative with `derivative: 1`.
  mutating func interpolate(at time: Double, derivative: Int) -> State
  /// Evaluates the right-hand side `f(u, p, t)` (counted in ``stats``).
  mutating func derivative(of u: State, at time: Double) -> State
}
