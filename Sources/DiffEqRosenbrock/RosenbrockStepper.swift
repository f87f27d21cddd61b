import DiffEqBase

/// The stepper of every Rosenbrock method: stage increments, the Jacobian, the LU
/// factorization of `W = M/(γh) − J` (dense, or banded for a banded `jacPrototype`) and the
/// finite-difference scratch, all made once at `init`; a step allocates nothing.
///
/// Per step: `f(uₙ)` (reused from the previous step when the method ends on `f(uₙ₊₁)`), one
/// Jacobian (analytic or by differences; reused after a rejection, since `uₙ` is the same),
/// `∂f/∂t` unless the problem is autonomous, one factorization and `s` solves.
public struct RosenbrockStepper<State: StateVector, Parameters: Sendable>: ODEStepper {
  /// The method's coefficients.
  public let tableau: RosenbrockTableau
  /// The dense output type.
  public typealias Interpolant = RosenbrockInterpolant<State>

  // MARK: Problem

  /// The analytic Jacobian, if given.
  @usableFromInline let jac: (@Sendable (inout DenseMatrix, State, Parameters, Double) -> Void)?
  /// Whether ``jac`` is given.
  @usableFromInline let hasAnalyticJacobian: Bool
  /// The analytic time derivative, if given.
  @usableFromInline let tgrad: (@Sendable (inout State, State, Parameters, Double) -> Void)?
  /// The mass matrix (`nil`: identity).
  @usableFromInline let mass: StiffMassMatrix?
  /// Whether `∂f/∂t = 0`.
  @usableFromInline let isAutonomous: Bool

  // MARK: Linear algebra

  /// `J` (dense path).
  @usableFromInline var jacobian: DenseMatrix
  /// LU of `W` (dense path).
  @usableFromInline var lu: LUFactorization
  /// `J` (banded path).
  @usableFromInline var bandedJacobian: BandedMatrix?
  /// LU of `W` (banded path).
  @usableFromInline var bandedLU: BandedLUFactorization?
  /// Finite-difference scratch.
  @usableFromInline var differences: FiniteDifferenceJacobian<State>
  /// Whether `jacobian` (and `dT`) hold the values at the current `(tₙ, uₙ)`.
  @usableFromInline var jacobianIsCurrent = false
  /// `‖J‖₁` of the current Jacobian once asked for (stiffness detection), `nil` until then.
  @usableFromInline var jacobianNorm: Double?
  /// The column of a zero pivot in the last factorization.
  @usableFromInline var singularColumn: Int?

  // MARK: Stages

  /// Stage increments `k₁ … kₛ`, then the scratch for the stage right-hand side.
  @usableFromInline var k: [State]
  /// `f(uₙ)`.
  @usableFromInline var f0: State
  /// Whether `f0` holds `f(uₙ, tₙ)` for the current `uₙ`.
  @usableFromInline var f0IsCurrent = false
  /// `f(uₙ₊₁)` of the step just computed, when the method gives it.
  @usableFromInline var f1: State
  /// Whether `f1` holds `f(uₙ₊₁)` of the last step.
  @usableFromInline var f1IsCurrent = false
  /// `∂f/∂t(uₙ, tₙ)`.
  @usableFromInline var dT: State
  /// Stage argument / right-hand side scratch.
  @usableFromInline var tmp: State
  /// `M·v` scratch for dense mass matrices.
  @usableFromInline var massProduct: State
  /// `uₙ₊₁` of the step just computed (for the dense output).
  @usableFromInline var uEnd: State
  /// Dense-output vectors of the step just computed.
  @usableFromInline var dense: [State]

  /// A stepper for `tableau` with states shaped like `prototype`, using the problem's
  /// Jacobian, time derivative, mass matrix and sparsity.
  @inlinable
  public init<F: ODEFunction>(_ tableau: RosenbrockTableau, problem: ODEProblem<F>)
  where F.State == State, F.Parameters == Parameters {
    self.init(
      tableau, prototype: problem.u0, jac: problem.jac, tgrad: problem.tgrad,
      mass: StiffMassMatrix(problem.massMatrix), jacPrototype: problem.jacPrototype,
      isAutonomous: problem.isAutonomous)
  }

  /// A stepper with finite-difference Jacobians and no mass matrix (for drivers such as the
  /// method of steps, which wrap the right-hand side).
  @inlinable
  public init(_ tableau: RosenbrockTableau, prototype: State) {
    self.init(
      tableau, prototype: prototype, jac: nil, tgrad: nil, mass: nil, jacPrototype: nil,
      isAutonomous: false)
  }

  /// The designated initializer.
  @usableFromInline
  init(
    _ tableau: RosenbrockTableau, prototype: State,
    jac: (@Sendable (inout DenseMatrix, State, Parameters, Double) -> Void)?,
    tgrad: (@Sendable (inout State, State, Parameters, Double) -> Void)?,
    mass: StiffMassMatrix?, jacPrototype: JacobianPrototype?, isAutonomous: Bool
  ) {
    self.tableau = tableau
    self.jac = jac
    hasAnalyticJacobian = jac != nil
    self.tgrad = tgrad
    self.mass = mass
    self.isAutonomous = isAutonomous
    let n = prototype.count
    // Banded linear algebra when the Jacobian is banded and M is diagonal (or absent).
    var banded = false
    if case .banded(let lower, let upper) = jacPrototype, mass?.isDense != true {
      bandedJacobian = BandedMatrix(size: n, lower: lower, upper: upper)
      bandedLU = BandedLUFactorization(size: n, lower: lower, upper: upper)
      banded = true
    }
    jacobian = DenseMatrix(size: banded && jac == nil ? 0 : n)
    lu = LUFactorization(size: banded ? 0 : n)
    differences = FiniteDifferenceJacobian(prototype: prototype)
    k = (0...tableau.stageCount).map { _ in prototype.zeroed() }
    f0 = prototype.zeroed()
    f1 = prototype.zeroed()
    dT = prototype.zeroed()
    tmp = prototype.zeroed()
    massProduct = prototype.zeroed()
    uEnd = prototype.zeroed()
    let denseCount: Int
    switch tableau.denseOutput {
    case .rodas(let rows, _): denseCount = rows
    case .hermite, .shampineReichelt: denseCount = 2
    }
    dense = (0..<denseCount).map { _ in prototype.zeroed() }
  }

  /// The method's name.
  public var name: String { tableau.name }
  /// Order of `uₙ₊₁`.
  public var order: Int { tableau.order }
  /// Order of the embedded solution.
  public var adaptiveOrder: Int { tableau.embeddedOrder }
  /// Always adaptive.
  public var isAdaptive: Bool { true }
  /// PI control with DifferentialEquations.jl's defaults for the order.
  public var controllerDefaults: ControllerDefaults { ControllerDefaults(order: tableau.order) }
  /// Rosenbrock methods solve `M u′ = f`, `M` singular included.
  public var supportsMassMatrix: Bool { true }

  /// Why the last steps failed, when the matrix `W` was singular.
  public var failureNote: String? {
    singularColumn.map {
      "the matrix M/(γh) − J is singular (zero pivot in column \($0)) at every step size tried; check the Jacobian and the mass matrix (an algebraic equation must depend on its variable)"
    }
  }

  /// Forgets `f(uₙ)` and the Jacobian (`u` changed from outside).
  @inlinable
  public mutating func initialize<F: ODEFunction>(
    _ f: F, _ p: F.Parameters, t: Double, u: State, stats: inout SolverStats
  ) where F.State == State {
    f0IsCurrent = false
    f1IsCurrent = false
    jacobianIsCurrent = false
  }

  /// The next step starts from `uₙ₊₁`: `f(uₙ₊₁)` becomes its `f(uₙ)` when the method
  /// computed it; the Jacobian is evaluated anew.
  @inlinable
  public mutating func acceptStep() {
    if f1IsCurrent {
      swap(&f0, &f1)
      f0IsCurrent = true
      f1IsCurrent = false
    } else {
      f0IsCurrent = false
    }
    jacobianIsCurrent = false
  }

  /// New buffers shaped like `prototype`.
  public mutating func resize(to prototype: State) {
    self = RosenbrockStepper(
      tableau, prototype: prototype, jac: jac, tgrad: tgrad, mass: mass,
      jacPrototype: bandedJacobian.map { .banded(lower: $0.lower, upper: $0.upper) },
      isAutonomous: isAutonomous)
  }
}
