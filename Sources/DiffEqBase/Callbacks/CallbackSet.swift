/// Callbacks of a solve, with DifferentialEquations.jl's ordering: within a step the earliest
/// continuous event fires first (one at a time, the step restarting after each); discrete
/// callbacks run after every accepted step in the order given.
public struct CallbackSet<State: StateVector, Parameters: Sendable>: Sendable {
  /// Continuous callbacks (scalar ones as one-component vector callbacks).
  public var continuous: [VectorContinuousCallback<State, Parameters>] = []
  /// Discrete callbacks, in order.
  public var discrete: [DiscreteCallback<State, Parameters>] = []
  /// A step whose candidate state satisfies this is rejected and retried with a smaller step
  /// (DifferentialEquations.jl's `isoutofdomain`; see ``positiveDomain()``).
  public var isOutOfDomain: (@Sendable (State, Parameters, Double) -> Bool)?

  /// An empty set.
  public init() {}

  /// A set of continuous callbacks.
  public init(_ callbacks: ContinuousCallback<State, Parameters>...) {
    continuous = callbacks.map(\.asVector)
  }

  /// A set of discrete callbacks.
  public init(_ callbacks: DiscreteCallback<State, Parameters>...) {
    discrete = callbacks
  }

  /// A set of vector continuous callbacks.
  public init(_ callbacks: VectorContinuousCallback<State, Parameters>...) {
    continuous = callbacks
  }

  /// A set with continuous (scalar and vector) and discrete callbacks together.
  public init(
    continuous: [ContinuousCallback<State, Parameters>] = [],
    vector: [VectorContinuousCallback<State, Parameters>] = [],
    discrete: [DiscreteCallback<State, Parameters>] = []
  ) {
    self.continuous = continuous.map(\.asVector) + vector
    self.discrete = discrete
  }

  /// Whether there is no callback and no domain check.
  public var isEmpty: Bool { continuous.isEmpty && discrete.isEmpty && isOutOfDomain == nil }

  /// Adds a continuous callback.
  public func adding(_ callback: ContinuousCallback<State, Parameters>) -> Self {
    var s = self
    s.continuous.append(callback.asVector)
    return s
  }

  /// Adds a vector continuous callback.
  public func adding(_ callback: VectorContinuousCallback<State, Parameters>) -> Self {
    var s = self
    s.continuous.append(callback)
    return s
  }

  /// Adds a discrete callback (after the ones already present).
  public func adding(_ callback: DiscreteCallback<State, Parameters>) -> Self {
    var s = self
    s.discrete.append(callback)
    return s
  }

  /// The union of two sets (continuous callbacks together, discrete ones in order).
  public func adding(_ other: CallbackSet<State, Parameters>) -> Self {
    var s = self
    s.continuous += other.continuous
    s.discrete += other.discrete
    return s
  }
}
