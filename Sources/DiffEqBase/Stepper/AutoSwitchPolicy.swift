/// When a composite method switches (DifferentialEquations.jl's `AutoSwitch` keyword
/// arguments, same defaults).
///
/// After each accepted step the stiffness `s = ρ·h/r` is measured (``StiffnessDetecting``;
/// `r` is the explicit method's stability boundary). On the explicit method a step with
/// `s > nonstiffTol` counts as stiff; on the stiff method a step with `s ≤ stiffTol` counts as
/// non-stiff. More than `maxStiffStep` consecutive stiff verdicts switch to the stiff method
/// and multiply the step by `dtFac`; more than `maxNonstiffStep` consecutive non-stiff verdicts
/// switch back and divide it by `dtFac`. After `maxSwitches` switches the stiff method takes
/// every remaining step (a problem that keeps switching is stiff enough for it).
public struct AutoSwitchPolicy: Sendable, Equatable {
  /// Consecutive stiff verdicts before switching to the stiff method (`maxstiffstep`, 10).
  public var maxStiffStep: Int
  /// Consecutive non-stiff verdicts before switching back (`maxnonstiffstep`, 3).
  public var maxNonstiffStep: Int
  /// Threshold of `ρ·h/r` on the explicit method (`nonstifftol`, 9/10).
  public var nonstiffTol: Double
  /// Threshold of `ρ·h/r` on the stiff method (`stifftol`, 9/10).
  public var stiffTol: Double
  /// Step-size factor at a switch (`dtfac`, 2).
  public var dtFac: Double
  /// Start on the stiff method (`stiffalgfirst`, false).
  public var stiffAlgFirst: Bool
  /// Most switches in one solve (100).
  public var maxSwitches: Int

  /// DifferentialEquations.jl's defaults unless given.
  public init(
    maxStiffStep: Int = 10, maxNonstiffStep: Int = 3, nonstiffTol: Double = 0.9,
    stiffTol: Double = 0.9, dtFac: Double = 2, stiffAlgFirst: Bool = false, maxSwitches: Int = 100
  ) {
    self.maxStiffStep = maxStiffStep
    self.maxNonstiffStep = maxNonstiffStep
    self.nonstiffTol = nonstiffTol
    self.stiffTol = stiffTol
    self.dtFac = dtFac
    self.stiffAlgFirst = stiffAlgFirst
    self.maxSwitches = maxSwitches
  }

  /// Throws a ``DiffEqError`` naming the first invalid field.
  public func validate() throws {
    if maxStiffStep < 0 {
      throw DiffEqError(field: "maxStiffStep", message: "is \(maxStiffStep); must be ≥ 0")
    }
    if maxNonstiffStep < 0 {
      throw DiffEqError(field: "maxNonstiffStep", message: "is \(maxNonstiffStep); must be ≥ 0")
    }
    if !(nonstiffTol > 0) || !nonstiffTol.isFinite {
      throw DiffEqError(field: "nonstiffTol", message: "is \(nonstiffTol); must be positive")
    }
    if !(stiffTol > 0) || !stiffTol.isFinite {
      throw DiffEqError(field: "stiffTol", message: "is \(stiffTol); must be positive")
    }
    if !(dtFac >= 1) || !dtFac.isFinite {
      throw DiffEqError(field: "dtFac", message: "is \(dtFac); must be ≥ 1")
    }
    if maxSwitches < 0 {
      throw DiffEqError(field: "maxSwitches", message: "is \(maxSwitches); must be ≥ 0")
    }
  }
}
