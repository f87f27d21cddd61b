/// A callback checked after every accepted step: when `condition(u, t, p)` holds, `affect`
/// runs (DifferentialEquations.jl's `DiscreteCallback`).
public struct DiscreteCallback<State: StateVector, Parameters: Sendable>: Sendable {
  /// Whether to fire after the step just accepted.
  public var condition: @Sendable (State, Double, Parameters) -> Bool
  /// What to do.
  public var affect: @Sendable (inout any DEIntegrator<State, Parameters>) -> Void
  /// Save the state just before and just after the affect.
  public var savePositions: (before: Bool, after: Bool)
  /// Name recorded in ``EventRecord``.
  public var name: String?
  /// Runs once when the integrator is set up (for example to add `tstops`).
  public var initialize: (@Sendable (inout any DEIntegrator<State, Parameters>) -> Void)?

  /// A discrete callback; it saves before and after its affect by default.
  public init(
    condition: @escaping @Sendable (State, Double, Parameters) -> Bool,
    affect: @escaping @Sendable (inout any DEIntegrator<State, Parameters>) -> Void,
    savePositions: (before: Bool, after: Bool) = (true, true),
    name: String? = nil,
    initialize: (@Sendable (inout any DEIntegrator<State, Parameters>) -> Void)? = nil
  ) {
    self.condition = condition
    self.affect = affect
    self.savePositions = savePositions
    self.name = name
    self.initialize = initialize
  }
}
