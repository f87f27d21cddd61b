import DiffEqBase

/// The right-hand side of a delay differential equation, written in place:
///
/// ```
/// u′(t) = f(u(t), h, p, t),   h(s) = u(s) for s ≤ t (the history)
/// ```
///
/// `h(s)` is the state at a past time `s` (the user's history function before `t₀`, the
/// solution's own dense output after), `h(s, derivative: 1)` its time derivative (neutral
/// equations). A model type conforming to this protocol is the fast way in; closures enter
/// through ``InPlaceDDEFunction``.
public protocol DDEFunction<State, Parameters>: Sendable {
  /// The state vector type.
  associatedtype State: StateVector
  /// The parameter type `p`.
  associatedtype Parameters: Sendable

  /// Writes `f(u, h, p, t)` into `du` (every component must be written). `h` is valid only
  /// during the call.
  func callAsFunction(
    _ du: inout State, _ u: State, _ h: DDEHistory<State>, _ p: Parameters, _ t: Double)
}

/// A closure `f(&du, u, h, p, t)` as a ``DDEFunction``.
public struct InPlaceDDEFunction<State: StateVector, Parameters: Sendable>: DDEFunction {
  /// The wrapped closure.
  public let body: @Sendable (inout State, State, DDEHistory<State>, Parameters, Double) -> Void

  /// Wraps `body`.
  @inlinable
  public init(
    _ body: @escaping @Sendable (inout State, State, DDEHistory<State>, Parameters, Double) -> Void
  ) {
    self.body = body
  }

  /// Calls the closure.
  @inlinable
  public func callAsFunction(
    _ du: inout State, _ u: State, _ h: DDEHistory<State>, _ p: Parameters, _ t: Double
  ) {
    body(&du, u, h, p, t)
  }
}
