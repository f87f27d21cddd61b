import DiffEqBase

/// A delay differential equation
///
/// ```
/// u′(t) = f(u(t), h, p, t),  t between t₀ and t_f,   u(t₀) = u₀,   u(s) = φ(p, s) for s < t₀
/// ```
///
/// where `f` reads the state at past times through `h`: at constant lags `t − τᵢ`, at
/// dependent lags `t − τⱼ(u(t), p, t)`, and — for a neutral equation — the derivative
/// `u′(t − τ)` too. The history `φ` may end away from `u₀` (a jump at `t₀`).
///
/// ```swift
/// let prob = DDEProblem(u0: [1.0], history: { p, t in [0.0] }, tspan: (0.0, 10.0), p: (),
///                       constantLags: [1.0]) { du, u, h, p, t in
///   du[0] = -h(t - 1.0)[0]
/// }
/// let sol = try solve(prob, MethodOfSteps(Tsit5()), abstol: 1e-10, reltol: 1e-10)
/// ```
///
/// The lags are what the solver tracks discontinuities through; `f` may read any past time,
/// but a lag it uses and the problem does not declare costs accuracy where the history is not
/// smooth. Nothing is checked until `solve`, which throws a ``DiffEqError`` naming the field.
public struct DDEProblem<F: DDEFunction>: Sendable {
  /// The right-hand side.
  public var f: F
  /// The initial state `u₀ = u(t₀)`.
  public var u0: F.State
  /// The history before `t₀`, in place: `history(&out, p, s, derivative)` writes `φ(s)`
  /// (`derivative == 0`) or `φ′(s)` (`derivative == 1`).
  public var history: @Sendable (inout F.State, F.Parameters, Double, Int) -> Void
  /// Whether `history` answers `derivative == 1` itself (otherwise a central difference of
  /// `φ` does).
  public var hasHistoryDerivative: Bool
  /// The time span `(t₀, t_f)`.
  public var tspan: (Double, Double)
  /// The parameters.
  public var p: F.Parameters
  /// Constant lags `τᵢ > 0`: `f` reads `u(t − τᵢ)`.
  public var constantLags: [Double]
  /// Dependent lags `τⱼ(u, p, t) ≥ 0`: `f` reads `u(t − τⱼ(u(t), p, t))`.
  public var dependentLags: [@Sendable (F.State, F.Parameters, Double) -> Double]
  /// Whether `f` reads past derivatives `u′(t − τ)` (a neutral equation).
  public var neutral: Bool
  /// Times before `t₀` where the history jumps: they propagate into the solution like the
  /// jump at `t₀` (DifferentialEquations.jl's `d_discontinuities`).
  public var historyDiscontinuities: [Double] = []
  /// The history as given, when it returns states (so validation can check their size).
  @usableFromInline var historyValue: (@Sendable (F.Parameters, Double) -> F.State)?

  /// A problem with a model type `f` and an in-place history `history(&out, p, s, derivative)`.
  @inlinable
  public init(
    _ f: F, u0: F.State,
    history: @escaping @Sendable (inout F.State, F.Parameters, Double, Int) -> Void,
    hasHistoryDerivative: Bool = true, tspan: (Double, Double), p: F.Parameters,
    constantLags: [Double] = [],
    dependentLags: [@Sendable (F.State, F.Parameters, Double) -> Double] = [],
    neutral: Bool = false
  ) {
    self.f = f
    self.u0 = u0
    self.history = history
    self.hasHistoryDerivative = hasHistoryDerivative
    self.tspan = tspan
    self.p = p
    self.constantLags = constantLags
    self.dependentLags = dependentLags
    self.neutral = neutral
    historyValue = nil
  }

  /// A problem with a model type `f` and a history `φ(p, s)` returning the state; give
  /// `historyDerivative` `φ′(p, s)` for a neutral equation.
  @inlinable
  public init(
    _ f: F, u0: F.State, history: @escaping @Sendable (F.Parameters, Double) -> F.State,
    historyDerivative: (@Sendable (F.Parameters, Double) -> F.State)? = nil,
    tspan: (Double, Double), p: F.Parameters, constantLags: [Double] = [],
    dependentLags: [@Sendable (F.State, F.Parameters, Double) -> Double] = [],
    neutral: Bool = false
  ) {
    self.init(
      f, u0: u0,
      history: { out, p, s, derivative in
        let value: F.State
        if derivative == 0 {
          value = history(p, s)
        } else if let historyDerivative {
          value = historyDerivative(p, s)
        } else {
          value = centralDifference(history, p, s)
        }
        // A history of the wrong size (validation samples it at t₀ and one lag back) is
        // NaN: the solve then ends as unstable, with a diagnostic, instead of trapping.
        if value.count == out.count { out.assign(value) } else { out.fill(.nan) }
      }, hasHistoryDerivative: historyDerivative != nil, tspan: tspan, p: p,
      constantLags: constantLags, dependentLags: dependentLags, neutral: neutral)
    historyValue = history
  }
}

extension DDEProblem {
  /// A problem whose right-hand side is a closure `f(&du, u, h, p, t)` and whose history is
  /// `φ(p, s)` (and `φ′(p, s)` for a neutral equation).
  @inlinable
  public init<S: StateVector, P: Sendable>(
    u0: S, history: @escaping @Sendable (P, Double) -> S,
    historyDerivative: (@Sendable (P, Double) -> S)? = nil, tspan: (Double, Double), p: P,
    constantLags: [Double] = [], dependentLags: [@Sendable (S, P, Double) -> Double] = [],
    neutral: Bool = false,
    _ f: @escaping @Sendable (inout S, S, DDEHistory<S>, P, Double) -> Void
  ) where F == InPlaceDDEFunction<S, P> {
    self.init(
      InPlaceDDEFunction(f), u0: u0, history: history, historyDerivative: historyDerivative,
      tspan: tspan, p: p, constantLags: constantLags, dependentLags: dependentLags,
      neutral: neutral)
  }
}

/// `(φ(s + δ) − φ(s − δ)) / 2δ` with `δ = ∛ε·max(1, |s|)`, for histories given without their
/// derivative.
@usableFromInline
func centralDifference<S: StateVector, P>(_ phi: (P, Double) -> S, _ p: P, _ s: Double) -> S {
  let delta = 6.055454452393343e-06 * Swift.max(1, abs(s))
  var d = phi(p, s + delta)
  d.axpy(-1, phi(p, s - delta))
  d.scale(by: 1 / (2 * delta))
  return d
}
