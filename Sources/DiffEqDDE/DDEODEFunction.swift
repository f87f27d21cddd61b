import DiffEqBase

/// A delay equation's right-hand side seen by the ODE integrator: `f(&du, u, p, t)` calls the
/// DDE's `f(&du, u, h, p, t)` with the solve's history.
public struct DDEODEFunction<Wrapped: DDEFunction>: ODEFunction {
  /// The state vector type.
  public typealias State = Wrapped.State
  /// The parameter type.
  public typealias Parameters = Wrapped.Parameters

  /// The delay equation's right-hand side.
  public let wrapped: Wrapped
  /// The solve's history.
  @usableFromInline let history: DDEHistory<State>

  /// `wrapped` reading `history`.
  @inlinable
  init(_ wrapped: Wrapped, history: DDEHistory<State>) {
    self.wrapped = wrapped
    self.history = history
  }

  /// Evaluates the delay equation's `f` at `t` (the history records `t` to know the lags).
  @inlinable
  public func callAsFunction(_ du: inout State, _ u: State, _ p: Parameters, _ t: Double) {
    let storage = history.storage
    let outer = storage.evaluationTime
    storage.evaluationTime = t
    wrapped(&du, u, history, p, t)
    storage.evaluationTime = outer
  }
}
