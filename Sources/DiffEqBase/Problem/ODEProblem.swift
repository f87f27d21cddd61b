/// An initial value problem `du/dt = f(u, p, t)`, `u(t₀) = u₀`, over `tspan = (t₀, t_f)`.
///
/// A plain value: nothing is checked until `solve`, which validates once and throws a
/// ``DiffEqError`` naming the offending field. `t_f < t₀` integrates backwards in time.
///
/// ```swift
/// let prob = ODEProblem(u0: [1.0, 0.0, 0.0], tspan: (0.0, 100.0), p: [10.0, 28.0, 8.0 / 3.0]) {
///   du, u, p, t in
///   du[0] = p[0] * (u[1] - u[0])
///   du[1] = u[0] * (p[1] - u[2]) - u[1]
///   du[2] = u[0] * u[1] - p[2] * u[2]
/// }
/// ```
public struct ODEProblem<F: ODEFunction>: Sendable {
  /// The right-hand side.
  public var f: F
  /// The initial state `u₀`.
  public var u0: F.State
  /// The time span `(t₀, t_f)`.
  public var tspan: (Double, Double)
  /// The parameters passed to `f`.
  public var p: F.Parameters
  /// The mass matrix `M` of `M u′ = f(u, p, t)` (`nil`: the identity). Stiff methods only.
  public var massMatrix: MassMatrix?
  /// The Jacobian `J = ∂f/∂u (u, p, t)`, written into its argument (every entry); without it
  /// the stiff methods use finite differences.
  public var jac: (@Sendable (inout DenseMatrix, F.State, F.Parameters, Double) -> Void)?
  /// The time derivative `∂f/∂t (u, p, t)`, written into its argument; without it a finite
  /// difference (and nothing at all when ``isAutonomous``).
  public var tgrad: (@Sendable (inout F.State, F.State, F.Parameters, Double) -> Void)?
  /// The sparsity of the Jacobian (banded); `nil`: dense.
  public var jacPrototype: JacobianPrototype?
  /// Whether `f` does not depend on `t` explicitly (then `∂f/∂t = 0` is not computed).
  public var isAutonomous: Bool

  /// A problem with a model type `f` (the fastest form), optionally with a mass matrix, an
  /// analytic Jacobian and time derivative, and a Jacobian sparsity for the stiff methods.
  @inlinable
  public init(
    _ f: F, u0: F.State, tspan: (Double, Double), p: F.Parameters,
    massMatrix: MassMatrix? = nil,
    jac: (@Sendable (inout DenseMatrix, F.State, F.Parameters, Double) -> Void)? = nil,
    tgrad: (@Sendable (inout F.State, F.State, F.Parameters, Double) -> Void)? = nil,
    jacPrototype: JacobianPrototype? = nil, isAutonomous: Bool = false
  ) {
    self.f = f
    self.u0 = u0
    self.tspan = tspan
    self.p = p
    self.massMatrix = massMatrix
    self.jac = jac
    self.tgrad = tgrad
    self.jacPrototype = jacPrototype
    self.isAutonomous = isAutonomous
  }
}

extension ODEProblem {
  /// A problem whose right-hand side is an in-place closure `f(&du, u, p, t)`.
  @inlinable
  public init<S: StateVector, P: Sendable>(
    u0: S, tspan: (Double, Double), p: P,
    _ f: @escaping @Sendable (inout S, S, P, Double) -> Void
  ) where F == InPlaceODEFunction<S, P> {
    self.init(InPlaceODEFunction(f), u0: u0, tspan: tspan, p: p)
  }

  /// `M u′ = f(u, p, t)` with an in-place closure, for the stiff methods:
  /// `ODEProblem(u0:tspan:p:massMatrix:) { du, u, p, t in … }`.
  @inlinable
  public init<S: StateVector, P: Sendable>(
    u0: S, tspan: (Double, Double), p: P, massMatrix: MassMatrix,
    jac: (@Sendable (inout DenseMatrix, S, P, Double) -> Void)? = nil,
    _ f: @escaping @Sendable (inout S, S, P, Double) -> Void
  ) where F == InPlaceODEFunction<S, P> {
    self.init(
      InPlaceODEFunction(f), u0: u0, tspan: tspan, p: p, massMatrix: massMatrix, jac: jac)
  }

  /// A problem without parameters whose right-hand side is an in-place closure
  /// `f(&du, u, p, t)` (`p` is ``NullParameters``).
  @inlinable
  public init<S: StateVector>(
    u0: S, tspan: (Double, Double),
    _ f: @escaping @Sendable (inout S, S, NullParameters, Double) -> Void
  ) where F == InPlaceODEFunction<S, NullParameters> {
    self.init(InPlaceODEFunction(f), u0: u0, tspan: tspan, p: NullParameters())
  }

  /// A problem whose right-hand side is an out-of-place closure `u′ = f(u, p, t)`.
  @inlinable
  public init<S: StateVector, P: Sendable>(
    u0: S, tspan: (Double, Double), p: P,
    _ f: @escaping @Sendable (S, P, Double) -> S
  ) where F == OutOfPlaceODEFunction<S, P> {
    self.init(OutOfPlaceODEFunction(f), u0: u0, tspan: tspan, p: p)
  }

  /// A problem without parameters whose right-hand side is an out-of-place closure.
  @inlinable
  public init<S: StateVector>(
    u0: S, tspan: (Double, Double),
    _ f: @escaping @Sendable (S, NullParameters, Double) -> S
  ) where F == OutOfPlaceODEFunction<S, NullParameters> {
    self.init(OutOfPlaceODEFunction(f), u0: u0, tspan: tspan, p: NullParameters())
  }
}
