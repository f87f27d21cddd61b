/// The direction in which an event condition crossed zero.
public enum EventDirection: Sendable, Equatable {
  /// From negative to non-negative.
  case upcrossing
  /// From positive to non-positive.
  case downcrossing
}

/// One component of an event condition that crossed zero, and how.
public struct EventCrossing: Sendable, Equatable {
  /// Index of the condition (0 for a scalar ``ContinuousCallback``).
  public var component: Int
  /// Direction of the crossing.
  public var direction: EventDirection

  /// A crossing.
  public init(component: Int, direction: EventDirection) {
    self.component = component
    self.direction = direction
  }
}
