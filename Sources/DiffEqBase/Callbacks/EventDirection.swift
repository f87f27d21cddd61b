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

/// Where a continuous callback's event is placed (DifferentialEquations.jl's `rootfind`).
public enum RootFind: Sendable, Equatable {
  /// Just past the crossing: the condition has changed sign at the event time (default).
  case right
  /// Just before the crossing: the condition still has its old sign at the event time.
  case left
  /// No root finding: the event is the first sample point where the sign changed (cheaper,
  /// less accurate in time).
  case none
}
