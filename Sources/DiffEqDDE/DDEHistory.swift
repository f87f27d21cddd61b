import DiffEqBase

/// The history `h` handed to a delay equation's right-hand side: the state (or its time
/// derivative) at any time up to the current one.
///
/// ```swift
/// { du, u, h, p, t in
///   du[0] = -h(t - 1.0)[0]              // the whole past state (a scratch copy)
///   du[1] = -h(t - 1.0, index: 1)       // one component, nothing allocated
///   du[2] = -h(t - 1.0, index: 2, derivative: 1)   // neutral: u₂′(t − 1)
/// }
/// ```
///
/// Before `t₀` the values come from the problem's history function; from `t₀` on from the
/// solution's own dense output (the stored stages of the steps taken, read in place). Inside
/// the step being computed — a lag shorter than the step — they come from the step's
/// previous fixed-point iterate (see ``MethodOfSteps``).
///
/// A history is valid only during the call of `f` that receives it: do not store it.
public struct DDEHistory<State: StateVector>: Sendable {
  /// The solve's history (owned by the solve; see the type's note on validity).
  @usableFromInline unowned(unsafe) let storage: HistoryStorage<State>

  /// A history reading `storage`.
  @inlinable
  init(_ storage: HistoryStorage<State>) {
    self.storage = storage
  }

  /// The state `u(s)` (`derivative: 1`: `u′(s)`).
  ///
  /// The result shares its storage with a scratch buffer of the solve: using it within the
  /// expression, as in `h(t - τ)[0]`, allocates nothing; keeping it alive across the next
  /// call makes that call copy (value semantics hold either way).
  @inlinable
  public func callAsFunction(_ s: Double, derivative: Int = 0) -> State {
    storage.value(at: s, derivative: derivative)
  }

  /// Component `index` of `u(s)` (`derivative: 1`: of `u′(s)`); allocates nothing.
  @inlinable
  public func callAsFunction(_ s: Double, index: Int, derivative: Int = 0) -> State.Scalar {
    storage.component(index, at: s, derivative: derivative)
  }

  /// Writes `u(s)` (`derivative: 1`: `u′(s)`) into `out`; allocates nothing.
  @inlinable
  public func evaluate(at s: Double, derivative: Int = 0, into out: inout State) {
    storage.evaluate(at: s, derivative: derivative, into: &out)
  }
}
