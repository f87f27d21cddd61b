import DiffEqBase

/// A stepper whose step proposals and dense output come from a ``BDFHistory`` (``FBDFStepper``,
/// and the residual-form DAE stepper of `DiffEqDAE`): the history proposes the next step and
/// order, and each step's interpolating polynomial (through its end and the `k` states before
/// it) is the dense output, which never calls `f`.
public protocol BDFHistoryStepper: ODEStepper where Interpolant == BDFInterpolant<State> {
  /// The accepted states, the predictor, the error estimates and the order and step choice.
  var history: BDFHistory<State> { get set }
}

extension BDFHistoryStepper {
  /// The order of the last step attempted (1 … 5).
  @inlinable
  public var lastStepOrder: Int { history.lastStepOrder }

  /// The method's own next step: after an accepted step the step and order chosen from the
  /// error estimates of neighbouring orders, after a rejection a shorter step.
  @inlinable
  public func proposedStep(accepted: Bool, controllerProposal: Double) -> Double? {
    history.proposedStep(accepted: accepted)
  }

  /// The step's interpolating polynomial at `t + θ dt`, or its derivative.
  @inlinable
  public mutating func interpolate<F: ODEFunction>(
    _ f: F, _ p: F.Parameters, t: Double, dt: Double, uprev: State, theta: Double,
    derivative: Int, into out: inout State, stats: inout SolverStats
  ) where F.State == State {
    history.interpolate(at: t + theta * dt, derivative: derivative, into: &out)
  }

  /// An empty dense output.
  @inlinable
  public func makeInterpolant<F: ODEFunction>(_ f: F, _ p: F.Parameters) -> BDFInterpolant<State>
  where F.State == State {
    BDFInterpolant()
  }

  /// Nothing to do: the dense output does not call `f`.
  @inlinable
  public func updateParameters<F: ODEFunction>(
    of interpolant: inout BDFInterpolant<State>, _ f: F, _ p: F.Parameters
  ) where F.State == State {}

  /// Records the step (its end state and how many states its polynomial uses).
  @inlinable
  public mutating func record(
    into interpolant: inout BDFInterpolant<State>, t: Double, dt: Double, uprev: State
  ) {
    history.record(into: &interpolant, t: t, uprev: uprev)
  }
}
