import DiffEqBase

/// The stepper of every explicit Runge–Kutta method: a cache of stage vectors made once and a
/// step driven by an ``ExplicitRKTableau``.
///
/// Stage sums are fused into one sweep per stage,
/// `tmpᵢ = uᵢ + h·(aₖ₁·k₁ᵢ + … + aₖ,ₖ₋₁·kₖ₋₁,ᵢ)`, and the error estimate and its norm into one
/// more; nothing is allocated. Seven-stage FSAL pairs (Tsit5, DP5) take an unrolled path with
/// the same arithmetic (see `ExplicitRKStepper+SevenStage.swift`).
public struct ExplicitRKStepper<State: StateVector>: ODEStepper {
  /// The method's coefficients.
  public let tableau: ExplicitRKTableau
  /// The method's name.
  public let name: String
  /// The method's default controller settings.
  public let controllerDefaults: ControllerDefaults

  /// Stage derivatives `k₁ … k_S` (step stages, then lazy dense-output stages).
  @usableFromInline var k: [State]
  /// Stage argument `uₙ + h Σ aᵢⱼ kⱼ`.
  @usableFromInline var tmp: State
  /// Interpolation weights `bᵢ(θ)` (scratch).
  @usableFromInline var weights: [Double]
  /// Whether the lazy stages of the current step have been evaluated.
  @usableFromInline var lazyStagesReady = false
  /// Whether the unrolled seven-stage FSAL path applies.
  @usableFromInline let isSevenStageFSAL: Bool
  /// Named stages of the unrolled seven-stage path (allocated, never touched, for other
  /// methods: generic code cannot make an empty state of the caller's type).
  @usableFromInline var sevenStage: SevenStageCache<State>
  /// Whether `k` holds the current step's stages (the seven-stage path copies them lazily).
  @usableFromInline var stagesInArray = true
  /// Whether the last accepted step's final stage is still to become the next step's first
  /// (FSAL): recycled at the start of the next step, so that until then the stages still
  /// describe the accepted step and its dense output can be evaluated (events, callbacks).
  @usableFromInline var fsalPending = false

  /// A stepper for `alg`, with stage vectors shaped like `prototype`.
  public init<A: ExplicitRKAlgorithm>(_ alg: A, prototype: State) {
    let tableau = alg.tableau
    self.tableau = tableau
    name = tableau.name
    controllerDefaults = alg.controllerDefaults
    k = (0..<tableau.totalStageCount).map { _ in prototype.zeroed() }
    tmp = prototype.zeroed()
    weights = [Double](repeating: 0, count: tableau.totalStageCount)
    isSevenStageFSAL =
      tableau.stageCount == 7 && tableau.totalStageCount == 7 && tableau.isFSAL
      && tableau.bTilde != nil && tableau.secondaryBTilde == nil
    sevenStage = SevenStageCache(prototype: prototype)
  }

  /// New stage vectors shaped like `prototype` (the state changed size); the stepper must be
  /// initialized again before the next step.
  public mutating func resize(to prototype: State) {
    k = (0..<tableau.totalStageCount).map { _ in prototype.zeroed() }
    tmp = prototype.zeroed()
    sevenStage = SevenStageCache(prototype: prototype)
    stagesInArray = true
    fsalPending = false
    lazyStagesReady = false
  }

  /// Makes `k` hold the current step's stages.
  @inlinable
  mutating func syncStages() {
    if !stagesInArray {
      sevenStage.copy(into: &k)
      stagesInArray = true
    }
  }

  /// The method's order `p`.
  public var order: Int { tableau.order }
  /// The embedded order (the order itself for a method without one).
  public var adaptiveOrder: Int { tableau.embeddedOrder ?? tableau.order }
  /// Whether the tableau has an error estimator.
  public var isAdaptive: Bool { tableau.bTilde != nil }

  /// Evaluates `k₁ = f(t, u)` for FSAL methods.
  @inlinable
  public mutating func initialize<F: ODEFunction>(
    _ f: F, _ p: F.Parameters, t: Double, u: State, stats: inout SolverStats
  ) where F.State == State {
    fsalPending = false
    lazyStagesReady = false
    if isSevenStageFSAL {
      stagesInArray = false
      f(&sevenStage.k1, u, p, t)
      stats.nf += 1
    } else if tableau.isFSAL {
      f(&k[0], u, p, t)
      stats.nf += 1
    }
  }

  /// Marks the FSAL stage for recycling at the start of the next step.
  @inlinable
  public mutating func acceptStep() {
    fsalPending = tableau.isFSAL
  }

  /// Recycles the FSAL stage: `k₁ ← k_s`.
  @inlinable
  mutating func recycleFSALStage() {
    fsalPending = false
    if isSevenStageFSAL {
      swap(&sevenStage.k1, &sevenStage.k7)
    } else if tableau.isFSAL {
      // Through the buffer: unspecialised (debug builds), `Array.swapAt` runs the stdlib's
      // generic `MutableCollection.swapAt`, which mallocs twice per call.
      let last = tableau.stageCount - 1
      k.withUnsafeMutableBufferPointer { $0.swapAt(0, last) }
    }
  }

  /// One step; see ``ODEStepper/step(_:_:t:dt:u:unew:errorNorm:computeError:stats:)``.
  @inlinable
  public mutating func step<F: ODEFunction>(
    _ f: F, _ p: F.Parameters, t: Double, dt: Double, u: State, unew: inout State,
    errorNorm: ErrorNorm, computeError: Bool, stats: inout SolverStats
  ) -> Double where F.State == State {
    if fsalPending { recycleFSALStage() }
    lazyStagesReady = false
    if isSevenStageFSAL {
      return stepSevenStageFSAL(
        f, p, t: t, dt: dt, u: u, unew: &unew, errorNorm: errorNorm, computeError: computeError,
        stats: &stats)
    }
    let s = tableau.stageCount
    let n = u.count
    if !tableau.isFSAL {
      f(&k[0], u, p, t)
      stats.nf += 1
    }
    let lastExplicit = tableau.isFSAL ? s - 1 : s
    for i in 1..<lastExplicit {
      Self.stageArgument(i, a: tableau.a, k: k, dt: dt, u: u, into: &tmp)
      f(&k[i], tmp, p, t + tableau.c[i] * dt)
    }
    stats.nf += lastExplicit - 1
    // uₙ₊₁ = uₙ + h Σ bⱼ kⱼ (for FSAL methods this is the last stage's argument).
    for idx in 0..<n {
      var acc = 0.0
      for j in 0..<lastExplicit { acc += tableau.b[j] * Double(k[j][idx]) }
      unew[idx] = u[idx] + State.Scalar(dt * acc)
    }
    if tableau.isFSAL {
      f(&k[s - 1], unew, p, t + dt)
      stats.nf += 1
    }
    guard computeError, let bTilde = tableau.bTilde else { return 0 }
    var acc1 = 0.0
    var acc2 = 0.0
    let secondary = tableau.secondaryBTilde
    for idx in 0..<n {
      var e = 0.0
      for j in 0..<s { e += bTilde[j] * Double(k[j][idx]) }
      let u0 = Double(u[idx])
      let u1 = Double(unew[idx])
      errorNorm.accumulate(&acc1, errorNorm.scaled(idx, error: dt * e, u0: u0, u1: u1))
      if let secondary {
        var e2 = 0.0
        for j in 0..<s { e2 += secondary[j] * Double(k[j][idx]) }
        errorNorm.accumulate(&acc2, errorNorm.scaled(idx, error: dt * e2, u0: u0, u1: u1))
      }
    }
    let err1 = errorNorm.finish(acc1, count: n)
    guard secondary != nil else { return err1 }
    let err2 = errorNorm.finish(acc2, count: n)
    switch tableau.errorCombination {
    case .maximum:
      return err1.isNaN || err2.isNaN ? .nan : Swift.max(err1, err2)
    case .dormandPrince853:
      // EEst = err₅² / √(err₅² + 0.01·err₃²) (dop853.f).
      let denominator = err1 * err1 + 0.01 * err2 * err2
      return denominator > 0
        ? err1 * err1 / denominator.squareRoot() : (denominator.isNaN ? .nan : 0)
    }
  }

  /// `out = u + h Σ_{j<i} aᵢⱼ kⱼ`, fused over the stages.
  @inlinable
  static func stageArgument(
    _ i: Int, a: [Double], k: [State], dt: Double, u: State, into out: inout State
  ) {
    let row = i * (i - 1) / 2
    for idx in 0..<u.count {
      var acc = 0.0
      for j in 0..<i { acc += a[row + j] * Double(k[j][idx]) }
      out[idx] = u[idx] + State.Scalar(dt * acc)
    }
  }
}
