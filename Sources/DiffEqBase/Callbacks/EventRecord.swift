/// One event of a solve: when it happened and which callback fired.
public struct EventRecord: Sendable, Equatable {
  /// The kind of callback that fired.
  public enum Kind: Sendable, Equatable {
    /// A ``ContinuousCallback`` or ``VectorContinuousCallback`` (located by root finding).
    case continuous
    /// A ``DiscreteCallback`` (checked after a step).
    case discrete
  }

  /// Event time.
  public var t: Double
  /// The callback's name (its `name:` argument, or its position in the set).
  public var callback: String
  /// Continuous or discrete.
  public var kind: Kind
  /// For continuous callbacks: the components whose condition crossed (always `[0]` for a
  /// scalar condition) and their directions.
  public var crossings: [EventCrossing]

  /// A record.
  public init(t: Double, callback: String, kind: Kind, crossings: [EventCrossing]) {
    self.t = t
    self.callback = callback
    self.kind = kind
    self.crossings = crossings
  }

}
