/// An ODE method that can hand out its stepper, so that a driver built on top of the shared
/// loop (the method of steps for delay equations, an auto-switching composite) can wrap it.
///
/// A method's stepper type depends on the state type, which only the caller knows; the
/// method therefore builds its stepper for a given prototype state and passes it to a
/// visitor, whose generic `visit` is then specialised for the concrete stepper:
///
/// ```swift
/// struct CountStages<S: StateVector>: ODEStepperVisitor {
///   func visit<St: ODEStepper>(_ stepper: St) -> String where St.State == S { stepper.name }
/// }
/// let name = try Tsit5().withStepper(prototype: [0.0], CountStages<[Double]>())
/// ```
public protocol ODEStepperProvider: ODEAlgorithm {
  /// Builds the method's stepper for states shaped like `prototype` and returns what
  /// `visitor` makes of it.
  func withStepper<V: ODEStepperVisitor>(prototype: V.State, _ visitor: V) throws -> V.Result
}

/// What a driver does with a method's stepper (see ``ODEStepperProvider``).
public protocol ODEStepperVisitor<State> {
  /// The state vector type.
  associatedtype State: StateVector
  /// What the visit returns.
  associatedtype Result

  /// Uses `stepper`.
  func visit<S: ODEStepper>(_ stepper: S) throws -> Result where S.State == State
}
