/// An event at a zero of `g(u(t), t, p)`: DifferentialEquations.jl's `ContinuousCallback`.
///
/// Each accepted step, `g` is evaluated on the method's dense output at `interpolationPoints`
/// points inside the step (not only at its ends); the first sign change is located by a
/// bracketing root finder to adjacent floating-point numbers, the integrator moves back to the
/// time `t*` on the far side of the crossing, and `affect` (upcrossing, `g` from negative to
/// non-negative) or `affectNeg` (downcrossing) runs there; the next step starts from `t*`.
///
/// A condition exactly zero at a step boundary fires once; right after an event the side the
/// condition leaves to is read from its derivative along the solution, so an event never fires
/// twice and sequences of events close together (Zeno-like) do not stall.
///
/// ```swift
/// let ground = ContinuousCallback<[Double], NullParameters>(
///   condition: { u, t, p in u[0] },
///   affect: { integrator in integrator.u[1] = -0.9 * integrator.u[1] })
/// let sol = try solve(prob, Tsit5(), reltol: 1e-10, callback: CallbackSet(ground))
/// ```
public struct ContinuousCallback<State: StateVector, Parameters: Sendable>: Sendable {
  /// The condition `g(u, t, p)`.
  public var condition: @Sendable (State, Double, Parameters) -> Double
  /// Runs at upcrossings (`nil`: upcrossings do not fire).
  public var affect: (@Sendable (inout any DEIntegrator<State, Parameters>) -> Void)?
  /// Runs at downcrossings (`nil`: downcrossings do not fire).
  public var affectNeg: (@Sendable (inout any DEIntegrator<State, Parameters>) -> Void)?
  /// Points per step at which `g` is sampled.
  public var interpolationPoints: Int
  /// Where the event is placed relative to the crossing.
  public var rootFind: RootFind
  /// Save the state just before and just after the affect.
  public var savePositions: (before: Bool, after: Bool)
  /// Name recorded in ``EventRecord``.
  public var name: String?
  /// Runs once when the integrator is set up.
  public var initialize: (@Sendable (inout any DEIntegrator<State, Parameters>) -> Void)?

  /// A callback whose `affect` runs at both crossing directions, unless `affectNeg` is given
  /// (DifferentialEquations.jl's `affect_neg! = affect!` default).
  public init(
    condition: @escaping @Sendable (State, Double, Parameters) -> Double,
    affect: @escaping @Sendable (inout any DEIntegrator<State, Parameters>) -> Void,
    affectNeg: (@Sendable (inout any DEIntegrator<State, Parameters>) -> Void)? = nil,
    interpolationPoints: Int = 10,
    rootFind: RootFind = .right,
    savePositions: (before: Bool, after: Bool) = (true, true),
    name: String? = nil,
    initialize: (@Sendable (inout any DEIntegrator<State, Parameters>) -> Void)? = nil
  ) {
    self.init(
      condition: condition, upcrossing: affect, downcrossing: affectNeg ?? affect,
      interpolationPoints: interpolationPoints, rootFind: rootFind, savePositions: savePositions,
      name: name)
    self.initialize = initialize
  }

  /// A callback that fires only for one crossing direction (`affect: nil` or
  /// `affectNeg: nil` silences the other).
  public init(
    condition: @escaping @Sendable (State, Double, Parameters) -> Double,
    upcrossing: (@Sendable (inout any DEIntegrator<State, Parameters>) -> Void)?,
    downcrossing: (@Sendable (inout any DEIntegrator<State, Parameters>) -> Void)?,
    interpolationPoints: Int = 10,
    rootFind: RootFind = .right,
    savePositions: (before: Bool, after: Bool) = (true, true),
    name: String? = nil
  ) {
    self.condition = condition
    self.affect = upcrossing
    self.affectNeg = downcrossing
    self.rootFind = rootFind
    self.interpolationPoints = max(1, interpolationPoints)
    self.savePositions = savePositions
    self.name = name
    self.initialize = nil
  }

  /// The same event as a one-component ``VectorContinuousCallback`` (how the integrator runs
  /// every continuous callback).
  public var asVector: VectorContinuousCallback<State, Parameters> {
    let condition = self.condition
    let affect = self.affect
    let affectNeg = self.affectNeg
    let direction: EventDirection? =
      affect == nil ? .downcrossing : (affectNeg == nil ? .upcrossing : nil)
    return VectorContinuousCallback(
      count: 1,
      condition: { out, u, t, p in out[0] = condition(u, t, p) },
      affect: { integrator, crossings in
        if crossings.first?.direction == .upcrossing {
          affect?(&integrator)
        } else {
          affectNeg?(&integrator)
        }
      },
      direction: direction, interpolationPoints: interpolationPoints, rootFind: rootFind,
      savePositions: savePositions, name: name, initialize: initialize)
  }
}
