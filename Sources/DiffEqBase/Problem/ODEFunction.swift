/// The right-hand side `f` of `du/dt = f(u, p, t)`, written in place: `f(&du, u, p, t)`.
///
/// A model type conforming to this protocol is the fast way in: the solver is specialised for
/// it and the call is inlined. Closures enter through ``InPlaceODEFunction`` and
/// ``OutOfPlaceODEFunction``, which conform.
public protocol ODEFunction<State, Parameters>: Sendable {
  /// The state vector type.
  associatedtype State: StateVector
  /// The parameter type `p` (``NullParameters`` when there are none).
  associatedtype Parameters: Sendable

  /// Writes `f(u, p, t)` into `du` (every component must be written).
  func callAsFunction(_ du: inout State, _ u: State, _ p: Parameters, _ t: Double)
}

/// A closure `f(&du, u, p, t)` as an ``ODEFunction``.
public struct InPlaceODEFunction<State: StateVector, Parameters: Sendable>: ODEFunction {
  /// The wrapped closure.
  public let body: @Sendable (inout State, State, Parameters, Double) -> Void

  /// Wraps `body`.
  @inlinable
  public init(_ body: @escaping @Sendable (inout State, State, Parameters, Double) -> Void) {
    self.body = body
  }

  /// Calls the closure.
  @inlinable
  public func callAsFunction(_ du: inout State, _ u: State, _ p: Parameters, _ t: Double) {
    body(&du, u, p, t)
  }
}

/// A closure `u′ = f(u, p, t)` returning the derivative, as an ``ODEFunction``.
///
/// With ``StaticVector`` state this form is allocation-free; with arrays the closure allocates
/// the array it returns (prefer the in-place form there).
public struct OutOfPlaceODEFunction<State: StateVector, Parameters: Sendable>: ODEFunction {
  /// The wrapped closure.
  public let body: @Sendable (State, Parameters, Double) -> State

  /// Wraps `body`.
  @inlinable
  public init(_ body: @escaping @Sendable (State, Parameters, Double) -> State) {
    self.body = body
  }

  /// Calls the closure and stores its result in `du`.
  @inlinable
  public func callAsFunction(_ du: inout State, _ u: State, _ p: Parameters, _ t: Double) {
    du = body(u, p, t)
  }
}

/// The parameter value of a problem without parameters (Julia's `NullParameters`).
public struct NullParameters: Sendable, Equatable {
  /// The only value.
  @inlinable
  public init() {}
}
