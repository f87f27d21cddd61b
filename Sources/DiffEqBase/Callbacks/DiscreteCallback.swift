/// A callback checked after every accepted step: when `condition(u, t, p)` holds, `affect`
/// runs (DifferentialEquations.jl's `DiscreteCallback`).
///
/// A condition that needs more than `(u, t, p)` (the derivative, the last step, the
/// interpolant) takes the integrator instead (``init(integratorCondition:affect:savePositions:name:initialize:)``);
/// that form costs a copy of the integrator's references per step, so prefer the plain one.
/// Such a condition may also change the state itself and return `false` (how
/// ``DiscreteCallback/saving(_:into:saveAt:)`` and
/// ``DiscreteCallback/manifoldProjection(constraints:_:tolerance:maxIterations:)`` work).
public struct DiscreteCallback<State: StateVector, Parameters: Sendable>: Sendable {
  /// Whether to fire after the step just accepted (the fast form).
  public var condition: (@Sendable (State, Double, Parameters) -> Bool)?
  /// Whether to fire, from the whole integrator (the general form).
  public var integratorCondition: (@Sendable (inout any DEIntegrator<State, Parameters>) -> Bool)?
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
    self.integratorCondition = nil
    self.affect = affect
    self.savePositions = savePositions
    self.name = name
    self.initialize = initialize
  }

  /// A discrete callback whose condition reads the integrator.
  public init(
    integratorCondition: @escaping @Sendable (inout any DEIntegrator<State, Parameters>) -> Bool,
    affect: @escaping @Sendable (inout any DEIntegrator<State, Parameters>) -> Void,
    savePositions: (before: Bool, after: Bool) = (true, true),
    name: String? = nil,
    initialize: (@Sendable (inout any DEIntegrator<State, Parameters>) -> Void)? = nil
  ) {
    self.condition = nil
    self.integratorCondition = integratorCondition
    self.affect = affect
    self.savePositions = savePositions
    self.name = name
    self.initialize = initialize
  }
}
