import DiffEqBase

/// A method for delay differential equations (``MethodOfSteps`` over an ODE method).
public protocol DDEAlgorithm: Sendable {
  /// The method's name (`"MethodOfSteps(Tsit5)"`).
  var name: String { get }

  /// Solves `problem` with `options` and `callback` (what the free function `solve` calls).
  func solve<F: DDEFunction>(
    _ problem: DDEProblem<F>, options: ODESolverOptions,
    callback: CallbackSet<F.State, F.Parameters>
  ) throws -> ODESolution<F.State>
}
