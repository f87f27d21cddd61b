/// Several event conditions watched together: `gᵢ(u(t), t, p) = 0` for `i < count`.
///
/// Each accepted step, every condition is evaluated on the method's dense output at
/// `interpolationPoints` points; the earliest sign change of any component is located by a
/// bracketing root finder to adjacent floating-point numbers, the integrator moves back to that
/// time, and `affect` runs once with every component that changed sign there (simultaneous
/// crossings are reported together, each with its direction).
///
/// ```swift
/// let walls = VectorContinuousCallback<[Double], NullParameters>(
///   count: 2,
///   condition: { out, u, t, p in out[0] = u[0]; out[1] = 1 - u[0] },
///   affect: { integrator, crossings in integrator.u[1] = -integrator.u[1] })
/// ```
public struct VectorContinuousCallback<State: StateVector, Parameters: Sendable>: Sendable {
  /// Number of conditions.
  public var count: Int
  /// Writes `gᵢ(u, t, p)` into `out[i]` (`out` has `count` entries).
  public var condition: @Sendable (inout [Double], State, Double, Parameters) -> Void
  /// Runs at the event with the components that crossed and their directions.
  public var affect: @Sendable (inout any DEIntegrator<State, Parameters>, [EventCrossing]) -> Void
  /// Which crossings fire: `nil` both, otherwise only that direction.
  public var direction: EventDirection?
  /// Points per step at which the conditions are sampled (crossings between two samples that
  /// cancel out can be missed; raise it for rapidly oscillating conditions).
  public var interpolationPoints: Int
  /// Where the event is placed relative to the crossing.
  public var rootFind: RootFind
  /// Save the state just before and just after the affect.
  public var savePositions: (before: Bool, after: Bool)
  /// Name recorded in ``EventRecord``.
  public var name: String?
  /// Runs once when the integrator is set up (for example to add `tstops`).
  public var initialize: (@Sendable (inout any DEIntegrator<State, Parameters>) -> Void)?

  /// A vector callback; DifferentialEquations.jl's defaults (10 interpolation points, save
  /// before and after).
  public init(
    count: Int,
    condition: @escaping @Sendable (inout [Double], State, Double, Parameters) -> Void,
    affect:
      @escaping @Sendable (
        inout any DEIntegrator<State, Parameters>, [EventCrossing]
      ) -> Void,
    direction: EventDirection? = nil,
    interpolationPoints: Int = 10,
    rootFind: RootFind = .right,
    savePositions: (before: Bool, after: Bool) = (true, true),
    name: String? = nil,
    initialize: (@Sendable (inout any DEIntegrator<State, Parameters>) -> Void)? = nil
  ) {
    self.count = count
    self.rootFind = rootFind
    self.condition = condition
    self.affect = affect
    self.direction = direction
    self.interpolationPoints = max(1, interpolationPoints)
    self.savePositions = savePositions
    self.name = name
    self.initialize = initialize
  }
}
